package dev.tokentray.vault;

import com.github.javakeyring.PasswordAccessException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link SecretStore} in the OS keychain, through java-keyring: the Secret Service (GNOME
 * Keyring, KeePassXC) or KWallet on Linux, the Keychain on macOS, the Credential Manager on
 * Windows. On the Secret Service an entry is an item with the attributes {@code service} and
 * {@code account}, so {@code secret-tool lookup service SERVICE account ACCOUNT} finds it too.
 *
 * <p>Every call returns or fails within the call timeout, whatever the keychain does: calls run
 * on a {@link KeyringWorker}, and a worker that does not answer in time is retired, so that the
 * next call starts afresh with a new backend. Calls are taken one at a time.
 */
public final class KeyringSecretStore implements SecretStore, AutoCloseable {

    /**
     * Long enough for the first call on a cold JVM (opening the backend takes about a second
     * there), short enough to tell a waiting user soon that the keychain is locked.
     */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final String service;
    private final Duration callTimeout;
    /** Guarded by this; none before the first call and after a retirement. */
    private KeyringWorker worker;

    /** @param service the name all of this app's entries are stored under */
    public KeyringSecretStore(String service) {
        this(service, DEFAULT_CALL_TIMEOUT);
    }

    public KeyringSecretStore(String service, Duration callTimeout) {
        this.service = Objects.requireNonNull(service, "service");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    @Override
    public Optional<String> read(String account) throws KeychainException {
        Objects.requireNonNull(account, "account");
        return call(keyring -> {
            try {
                return Optional.of(keyring.getPassword(service, account));
            } catch (PasswordAccessException e) {
                if (KeychainFailures.isMissingEntry(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void write(String account, String value) throws KeychainException {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(value, "value");
        call(keyring -> {
            keyring.setPassword(service, account, value);
            // A locked GNOME Keyring can drop the update of an existing item without an error;
            // reading it back is the only way to know that the value is really there.
            if (!value.equals(keyring.getPassword(service, account))) {
                throw new PasswordAccessException("the value read back differs from the value written");
            }
            return null;
        });
    }

    @Override
    public void delete(String account) throws KeychainException {
        Objects.requireNonNull(account, "account");
        call(keyring -> {
            try {
                keyring.deletePassword(service, account);
            } catch (PasswordAccessException e) {
                if (!KeychainFailures.isMissingEntry(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Closes the backend's D-Bus connection, if one is open; a later call opens a new one. A
     * process closes it before it exits: its reader thread, blocked in a native read, would
     * otherwise hold the JVM's exit for 300 ms (HotSpot waits that long for threads in native code).
     */
    @Override
    public synchronized void close() {
        if (worker != null) {
            retireWorker();
        }
    }

    private synchronized <T> T call(KeyringWorker.Call<T> call) throws KeychainException {
        if (worker == null) {
            worker = new KeyringWorker();
        }
        Future<T> result = worker.submit(call);
        try {
            return result.get(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            retireWorker();
            throw KeychainFailures.timedOut(callTimeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                // The backend's D-Bus session may be broken (the keyring daemon restarted, say).
                retireWorker();
            }
            throw KeychainFailures.of(e.getCause());
        } catch (InterruptedException e) {
            retireWorker();
            Thread.currentThread().interrupt();
            throw new KeychainException(KeychainException.Reason.FAILED, "Stopped while waiting for the keychain.", e);
        }
    }

    private void retireWorker() {
        worker.retire();
        worker = null;
    }
}
