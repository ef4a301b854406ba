package dev.tokentray.vault;

import java.util.Optional;
import java.util.function.Consumer;

/** A {@link SecretStore} that tells of each entry it wrote or removed, once the keychain took the change. */
public final class ObservedSecretStore implements SecretStore {
    private final SecretStore keychain;
    private final Consumer<String> changed;

    /** @param changed hears the account of each entry written or removed */
    public ObservedSecretStore(SecretStore keychain, Consumer<String> changed) {
        this.keychain = keychain;
        this.changed = changed;
    }

    @Override
    public Optional<String> read(String account) throws KeychainException {
        return keychain.read(account);
    }

    @Override
    public void write(String account, String value) throws KeychainException {
        keychain.write(account, value);
        changed.accept(account);
    }

    @Override
    public void delete(String account) throws KeychainException {
        keychain.delete(account);
        changed.accept(account);
    }
}
