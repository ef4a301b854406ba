package dev.tokentray.renew;

import dev.tokentray.platform.OwnerOnly;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login per profile at a time on this machine, across processes: the tray app, {@code token},
 * {@code refresh} and the headless renewer hold an OS file lock in the state folder while they
 * log in. The OS drops the lock when a process dies, so a killed login never blocks the next.
 */
public final class LoginLock {
    private static final Logger LOG = LoggerFactory.getLogger(LoginLock.class);
    /** Longer than the slowest login can take with its timeouts (six steps of 20 s, and redirects). */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 50;

    private final Path folder;
    private final Duration wait;

    public LoginLock(Path folder, Duration wait) {
        this.folder = folder;
        this.wait = wait;
    }

    /** The lock, held until closed. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * Waits for the profile's lock as long as a login can take.
     *
     * @throws LoginRefusedException when another login held it all that time
     */
    public Held acquire(Profile profile) throws IOException, InterruptedException, LoginRefusedException {
        return acquire(profile + ".lock", "Another login of profile '" + profile + "'");
    }

    /**
     * Waits for the lock of every profile's stops ({@link RejectionStops}), which the logins of
     * profiles of one Upstox account share. Profile names cannot begin with {@code _}.
     */
    Held acquireStops() throws IOException, InterruptedException, LoginRefusedException {
        return acquire("_stops.lock", "Another process's record of a rejection");
    }

    private Held acquire(String name, String holder) throws IOException, InterruptedException, LoginRefusedException {
        Path file = OwnerOnly.file(OwnerOnly.directories(folder).resolve(name));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean waiting = false;
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return channel::close; // closing the channel releases the lock
                }
                if (!waiting) {
                    waiting = true;
                    LOG.info("Waiting for the lock {}: {} is under way", name, holder.toLowerCase(Locale.ROOT));
                }
                if (System.nanoTime() > deadline) {
                    throw new LoginRefusedException(new Refusal(FailureKind.TRANSIENT, holder + " has been running for "
                            + wait.toMinutes() + " minutes. Try again later."));
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException | LoginRefusedException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null; // another renewer of this JVM holds it: wait like any other process
        }
    }
}
