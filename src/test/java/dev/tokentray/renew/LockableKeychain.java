package dev.tokentray.renew;

import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.SecretStore;
import java.util.Optional;

/** An in-memory keychain that a test can lock, as a desktop locks the real one. */
final class LockableKeychain implements SecretStore {
    private final InMemorySecretStore entries = new InMemorySecretStore();
    private volatile boolean locked;

    void lock() {
        locked = true;
    }

    void unlock() {
        locked = false;
    }

    @Override
    public Optional<String> read(String account) throws KeychainException {
        check();
        return entries.read(account);
    }

    @Override
    public void write(String account, String value) throws KeychainException {
        check();
        entries.write(account, value);
    }

    @Override
    public void delete(String account) throws KeychainException {
        check();
        entries.delete(account);
    }

    private void check() throws KeychainException {
        if (locked) {
            throw new KeychainException(KeychainException.Reason.LOCKED, "The keychain is locked: unlock it.", null);
        }
    }
}
