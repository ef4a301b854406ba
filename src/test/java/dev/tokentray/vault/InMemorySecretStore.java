package dev.tokentray.vault;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SecretStore} in a map: fast and without a keychain, for unit tests of the code that
 * keeps secrets. {@link SecretStoreContract} holds it to the behaviour of the real store.
 */
public final class InMemorySecretStore implements SecretStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String account) {
        return Optional.ofNullable(values.get(account));
    }

    @Override
    public void write(String account, String value) {
        values.put(account, Objects.requireNonNull(value, "value"));
    }

    @Override
    public void delete(String account) {
        values.remove(account);
    }

    /** The accounts that hold a value, for tests that check what was stored. */
    public Set<String> accounts() {
        return Set.copyOf(values.keySet());
    }
}
