package dev.tokentray.testsupport;

import java.time.Duration;
import java.util.List;
import org.freedesktop.dbus.ObjectPath;
import org.freedesktop.secret.Collection;
import org.freedesktop.secret.Secret;
import org.freedesktop.secret.Service;
import org.freedesktop.secret.TransportEncryption;
import org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface;

/**
 * The throwaway GNOME Keyring of the test run, which a test may lock and unlock, as a screen locker
 * and a desktop login do, and freeze, as a keychain that hangs. Never a developer's own keyring:
 * {@link #require()} lets only the test run's keyring be used.
 */
public final class ThrowawayKeyring {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    @FunctionalInterface
    private interface Change {
        void apply(Service service, TransportEncryption encryption, ObjectPath collection) throws Exception;
    }

    private final String password;

    private ThrowawayKeyring(String password) {
        this.password = password;
    }

    /** The test run's keyring; the test fails (CI) or is skipped (elsewhere) when there is none. */
    public static ThrowawayKeyring require() {
        return new ThrowawayKeyring(RealEnvironment.throwawayKeyringPassword());
    }

    /** Locks the default collection, through the Secret Service library that java-keyring uses. */
    public void lock() throws Exception {
        changeDefaultCollection(true, (service, encryption, collection) -> service.lock(List.of(collection)));
    }

    /**
     * Unlocks the default collection without the prompt that the standard {@code Unlock} call shows
     * on a display, through GNOME Keyring's own {@code UnlockWithMasterPassword}.
     */
    public void unlock() throws Exception {
        changeDefaultCollection(false, (service, encryption, collection) -> {
            try (Secret secret = encryption.encrypt(password)) {
                new InternalUnsupportedGuiltRiddenInterface(service).unlockWithMasterPassword(collection, secret);
            }
        });
    }

    /** Stops the keyring daemon (SIGSTOP): D-Bus still takes calls for it, but none is answered. */
    public void freeze() throws Exception {
        signalDaemon("-STOP");
    }

    public void thaw() throws Exception {
        signalDaemon("-CONT");
    }

    private static void changeDefaultCollection(boolean locked, Change change) throws Exception {
        TransportEncryption encryption = new TransportEncryption();
        try {
            encryption.initialize();
            encryption.openSession();
            encryption.generateSessionKey();
            Service service = encryption.getService();
            ObjectPath collection = service.readAlias("default");
            change.apply(service, encryption, collection);
            if (new Collection(collection, service).isLocked() != locked) {
                throw new IllegalStateException(
                        "The default collection did not become " + (locked ? "locked" : "unlocked"));
            }
        } finally {
            encryption.close();
            encryption.getService().getConnection().close();
        }
    }

    private static void signalDaemon(String signal) throws Exception {
        Commands.Result kill = Commands.run(COMMAND_TIMEOUT, "kill", signal, daemonPid());
        if (!kill.succeeded()) {
            throw new IllegalStateException("kill " + signal + " failed on the keyring daemon");
        }
    }

    private static String daemonPid() throws Exception {
        Commands.Result owner = Commands.run(COMMAND_TIMEOUT, "dbus-send", "--session", "--print-reply",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets");
        // The reply's last line is "   uint32 <pid>".
        List<String> words = List.of(owner.stdout().strip().split("\\s+"));
        if (!owner.succeeded() || !words.get(words.size() - 2).equals("uint32")) {
            throw new IllegalStateException("No process owns org.freedesktop.secrets: " + owner.stdout());
        }
        return words.getLast();
    }
}
