package dev.tokentray.vault;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread and the java-keyring backend it uses. The backend is opened on the first call (about
 * half a second on a cold JVM: on Linux it opens an encrypted D-Bus session with the Secret
 * Service) and then reused. All calls run on this one thread, because the Secret Service backend
 * is not safe for concurrent use.
 *
 * <p>The thread is the worker's own rather than an injected executor's, because a keychain call can
 * hang (a keyring daemon that does not answer, an unlock prompt nobody answers) and a caller that
 * gives up must be able to {@link #retire()} the worker, stuck thread and all. The thread is a
 * daemon, so a call that never returns does not keep the app from exiting.
 */
final class KeyringWorker {
    private static final Logger log = LoggerFactory.getLogger(KeyringWorker.class);
    private static final ThreadFactory THREADS = Thread.ofPlatform().name("keychain-", 1).daemon().factory();

    /** What to do with the backend; runs on the worker thread. */
    @FunctionalInterface
    interface Call<T> {
        T on(Keyring keyring) throws PasswordAccessException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(THREADS);
    /** Opened on the worker thread; closed by whichever comes last of a retirement and a stuck call. */
    private final AtomicReference<Keyring> keyring = new AtomicReference<>();
    private final SecretServiceLock lock = new SecretServiceLock();

    <T> Future<T> submit(Call<T> call) {
        return thread.submit(() -> {
            try {
                return call.on(unlockedKeyring());
            } finally {
                if (thread.isShutdown()) {
                    closeKeyring(); // a stuck call came back after its worker was retired
                }
            }
        });
    }

    /**
     * Gives up on this worker: closes the backend's connection under a stuck call, so that a write
     * reported as failed cannot land later, over a newer one. The stuck call is not interrupted:
     * the Secret Service library answers an interrupt by dismissing the unlock prompt it may wait
     * for, and dismissing an unlock prompt crashes GNOME Keyring 42 (see {@link SecretServiceLock});
     * over the closed connection, its own dismissal after 120 s no longer reaches the keyring either.
     */
    void retire() {
        thread.shutdown();
        closeKeyring();
    }

    /** The backend, once the keychain is known to be unlocked, so that java-keyring never prompts. */
    private Keyring unlockedKeyring() throws KeychainException, BackendNotSupportedException {
        if (lock.isDefaultCollectionLocked()) {
            throw KeychainFailures.locked();
        }
        Keyring current = keyring.get();
        if (current == null) {
            current = Keyring.create();
            keyring.set(current);
        }
        return current;
    }

    private void closeKeyring() {
        lock.close();
        Keyring current = keyring.getAndSet(null);
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (Exception e) {
            // The backend is being dropped because it failed; a failing close tells nothing new.
            log.debug("Closing the keychain backend failed", e);
        }
    }
}
