package dev.tokentray.renew;

import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.SecretStore;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An in-memory keychain that a test can lock, as a desktop locks the real one, or make refuse
 * (or break on) the writes of some entries only.
 */
final class LockableKeychain implements SecretStore {
    private final InMemorySecretStore entries = new InMemorySecretStore();
    private volatile boolean locked;
    private volatile boolean stopping;
    private volatile Predicate<String> refusing = account -> false;
    private volatile Predicate<String> breaking = account -> false;

    void lock() {
        locked = true;
    }

    void unlock() {
        locked = false;
    }

    /**
     * Reads fail as the real keychain's do when the app quits: its scheduler interrupts the thread
     * that waits for the answer ({@code KeyringSecretStore}).
     */
    void stopReads() {
        stopping = true;
    }

    /** Writes of these entries fail as a keychain fails: with a {@link KeychainException}. */
    void refuseWrites(Predicate<String> accounts) {
        refusing = accounts;
    }

    /** Writes of these entries fail as a bug does: with an exception whose message holds a secret. */
    void breakWrites(Predicate<String> accounts) {
        breaking = accounts;
    }

    @Override
    public Optional<String> read(String account) throws KeychainException {
        if (stopping) {
            Thread.currentThread().interrupt();
            throw new KeychainException(KeychainException.Reason.FAILED, "Stopped while waiting for the keychain.", null);
        }
        check();
        return entries.read(account);
    }

    @Override
    public void write(String account, String value) throws KeychainException {
        check();
        if (refusing.test(account)) {
            throw new KeychainException(KeychainException.Reason.FAILED, "The keychain refused the request.", null);
        }
        if (breaking.test(account)) {
            throw new IllegalStateException("broken while writing pin=123456");
        }
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
