package dev.tokentray.testsupport;

import java.awt.SystemTray;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real parts a test runs against: a Secret Service keychain, an X display, a tray host, a
 * notification daemon, a headless browser, a Redis server, a PostgreSQL server. {@code bash scripts/test.sh} starts them all. Each {@code require}
 * asks the part itself (once per JVM; the answer is kept) rather than trusting a flag. When the
 * part is missing, the test fails if {@code CI=true}, so that CI never passes by skipping, and is
 * skipped otherwise, so that a plain {@code mvn test} on a bare machine still runs everything else.
 */
public final class RealEnvironment {

    private static final String TEST_COMMAND = "bash scripts/test.sh";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** Debian's own Python, for which python3-redis is installed: another on the PATH may lack it. */
    public static final String PYTHON = "/usr/bin/python3";
    private static final Map<Part, Boolean> PRESENT = new ConcurrentHashMap<>();

    private enum Part {
        SESSION_BUS("a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS)",
                () -> System.getenv("DBUS_SESSION_BUS_ADDRESS") != null && busNameHasOwner("org.freedesktop.DBus")),
        KEYCHAIN(
                "a Secret Service keychain (org.freedesktop.secrets on the session bus)",
                () -> busNameHasOwner("org.freedesktop.secrets")),
        DISPLAY("an X display (DISPLAY)", () -> System.getenv("DISPLAY") != null && succeeds("xdpyinfo")),
        // AWT sees a tray while some program owns the _NET_SYSTEM_TRAY_S0 selection: the very
        // question a tray test asks.
        TRAY_HOST("a system tray host on the X display", SystemTray::isSupported),
        NOTIFICATION_DAEMON(
                "a notification daemon (org.freedesktop.Notifications on the session bus)",
                () -> busNameHasOwner("org.freedesktop.Notifications")),
        // The hosts themselves: the tests that need one start it (SniHost), as they need no other on the bus.
        STATUS_NOTIFIER_HOST(
                "a StatusNotifierItem host and watcher (gtk-sni-tray-standalone, status-notifier-watcher)",
                () -> succeeds("gtk-sni-tray-standalone", "--version") && succeeds("status-notifier-watcher", "--version")),
        HEADLESS_BROWSER(
                "Debian's chromium and its driver (" + Chromium.BROWSER + ", " + Chromium.DRIVER + ")",
                // Installed is enough: a browser that cannot start says why through Selenium. Not
                // `chromium --version`, which once took over the probe's 5 s on a busy CI machine.
                () -> Files.isExecutable(Chromium.BROWSER) && Files.isExecutable(Chromium.DRIVER)),
        REDIS("a Redis server (redis-server, with the TOKENTRAY_TEST_REDIS_* variables of the test command)",
                TestRedis::answers),
        POSTGRES("a PostgreSQL server (with the TOKENTRAY_TEST_POSTGRES_* variables of the test command)",
                TestPostgres::answers),
        PYTHON_REDIS("Python's Redis client (Debian's python3-redis, for " + PYTHON + ")", () -> succeeds(PYTHON, "-c", "import redis"));

        private final String description;
        private final BooleanSupplier probe;

        Part(String description, BooleanSupplier probe) {
            this.description = description;
            this.probe = probe;
        }
    }

    private RealEnvironment() {}

    public static void requireSessionBus() {
        require(Part.SESSION_BUS);
    }

    public static void requireKeychain() {
        require(Part.KEYCHAIN);
    }

    public static void requireDisplay() {
        require(Part.DISPLAY);
    }

    public static void requireTrayHost() {
        require(Part.DISPLAY);
        require(Part.TRAY_HOST);
    }

    public static void requireNotificationDaemon() {
        require(Part.NOTIFICATION_DAEMON);
    }

    /** Installed, to be started by {@link SniHost}; and the display it draws on. */
    public static void requireStatusNotifierHost() {
        require(Part.DISPLAY);
        require(Part.STATUS_NOTIFIER_HOST);
    }

    public static void requireHeadlessBrowser() {
        require(Part.HEADLESS_BROWSER);
    }

    public static void requireRedis() {
        require(Part.REDIS);
    }

    public static void requirePostgres() {
        require(Part.POSTGRES);
    }

    /** A Redis server, and redis-py to talk to it as a bot would. */
    public static void requireRedisFromPython() {
        require(Part.REDIS);
        require(Part.PYTHON_REDIS);
    }

    /**
     * The password of the throwaway login keyring that {@code scripts/test.sh} made, for a test
     * that locks the keyring and must unlock it again. Without it such a test does not run: it
     * must never lock a developer's own keyring.
     */
    public static String throwawayKeyringPassword() {
        requireKeychain();
        String password = System.getenv("TOKENTRAY_TEST_KEYRING_PASSWORD");
        if (password == null) {
            missing("the throwaway keyring of " + TEST_COMMAND + " (TOKENTRAY_TEST_KEYRING_PASSWORD)");
        }
        return password;
    }

    private static void require(Part part) {
        if (!PRESENT.computeIfAbsent(part, p -> p.probe.getAsBoolean())) {
            missing(part.description);
        }
    }

    private static void missing(String what) {
        String message = "This test needs " + what + ", which is not running here. Run the tests with `"
                + TEST_COMMAND + "`: it starts the real keychain, display, tray host, notification daemon,"
                + " Redis and PostgreSQL, and installs the system packages the tests need (scripts/lib/system-packages.sh).";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    static boolean busNameHasOwner(String name) {
        return tryRun("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                        "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + name)
                .filter(Commands.Result::succeeded)
                .map(result -> result.stdout().contains("boolean true"))
                .orElse(false);
    }

    private static boolean succeeds(String... command) {
        return tryRun(command).map(Commands.Result::succeeded).orElse(false);
    }

    /** Empty when the program is not installed or hung: either way, the part is not usable. */
    private static Optional<Commands.Result> tryRun(String... command) {
        try {
            return Optional.of(Commands.run(PROBE_TIMEOUT, command));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
