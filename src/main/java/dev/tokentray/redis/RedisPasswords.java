package dev.tokentray.redis;

import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.SecretStore;
import java.util.Optional;

/**
 * The passwords of the Redis servers the app talks to, in the keychain: one entry per server and
 * user, never in a file or on a command line.
 */
public final class RedisPasswords {
    /** Where {@code outputs add redis} takes a password from, as redis-cli does. */
    public static final String VARIABLE = "REDISCLI_AUTH";

    private final SecretStore keychain;

    public RedisPasswords(SecretStore keychain) {
        this.keychain = keychain;
    }

    /** Empty when none is stored: the server then takes the app without one. */
    public Optional<Secret> read(RedisAddress address) throws KeychainException {
        return keychain.read(address.keychainAccount()).map(Secret::of);
    }

    public void save(RedisAddress address, Secret password) throws KeychainException {
        keychain.write(address.keychainAccount(), password.reveal());
    }

    public void delete(RedisAddress address) throws KeychainException {
        keychain.delete(address.keychainAccount());
    }
}
