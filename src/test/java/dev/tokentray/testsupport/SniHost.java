package dev.tokentray.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A StatusNotifierItem host on the test run's session bus and X display, as a desktop panel is:
 * {@code gtk-sni-tray-standalone} (Debian's {@code haskell-gtk-sni-tray-utils}), a bar along the
 * bottom of the screen that draws the items' icons and opens their menus, with
 * {@code status-notifier-watcher} ({@code haskell-status-notifier-item-utils}) as its watcher; or
 * {@link #watcherOnly} the watcher alone, which shows nothing.
 *
 * <p>Only the tests that need a host start one, and {@link #close()} returns once its watcher has
 * left the bus, so that every other test (the XEmbed tray's, the window mode's) finds none,
 * whatever the order the tests run in.
 */
public final class SniHost implements AutoCloseable {
    public static final String WATCHER = "org.kde.StatusNotifierWatcher";
    private static final String WATCHER_PATH = "/StatusNotifierWatcher";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final boolean drawsIcons;
    private final Path logs;
    private final List<Process> running = new ArrayList<>();
    private int starts;

    private SniHost(boolean drawsIcons, Path logs) {
        this.drawsIcons = drawsIcons;
        this.logs = logs;
    }

    /** A host that draws icons, and its watcher; returns once the watcher says the host is registered. */
    public static SniHost start() throws Exception {
        RealEnvironment.requireStatusNotifierHost();
        SniHost host = new SniHost(true, logs());
        host.launch();
        return host;
    }

    /** A watcher and no host: items can register, nothing shows them. */
    public static SniHost watcherOnly() throws Exception {
        RealEnvironment.requireStatusNotifierHost();
        SniHost host = new SniHost(false, logs());
        host.launch();
        return host;
    }

    private static Path logs() throws IOException {
        String folder = System.getenv("TEST_DESKTOP_LOGS");
        return Files.createDirectories(folder != null ? Path.of(folder) : Path.of("target", "test-desktop"));
    }

    /**
     * The watcher first, and the host once the watcher answers: the watcher takes its bus name a
     * moment before it serves its object, and a host (gtk-sni-tray's own {@code --watcher} too)
     * that registers in that moment gets UnknownObject and ends.
     */
    private void launch() throws Exception {
        if (RealEnvironment.busNameHasOwner(WATCHER)) {
            throw new IllegalStateException("A StatusNotifierWatcher is already on the session bus: a test left its host running");
        }
        starts++;
        Process watcher = run("status-notifier-watcher");
        Poll.until("the StatusNotifierWatcher to answer on the session bus", WAIT, Duration.ofMillis(50),
                () -> alive(watcher, "status-notifier-watcher") && !watcherProperty("ProtocolVersion").isEmpty());
        if (drawsIcons) {
            // A light grey bar, as many panels are (and the screenshots read better than on black).
            Process host = run("gtk-sni-tray-standalone", "--bottom", "--end", "--color", "#d8dadd");
            Poll.until("gtk-sni-tray-standalone to register as the host", WAIT, Duration.ofMillis(50),
                    () -> alive(host, "gtk-sni-tray-standalone") && hostRegistered());
        }
    }

    private Process run(String... command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectOutput(logs.resolve(command[0] + "-" + starts + ".log").toFile())
                .redirectErrorStream(true)
                .start();
        running.add(process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // even when a test forgets
        return process;
    }

    private boolean alive(Process process, String name) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended; see its log, " + name + "-" + starts + ".log, in " + logs);
        }
        return true;
    }

    private boolean hostRegistered() throws Exception {
        return watcherProperty("IsStatusNotifierHostRegistered").contains("true");
    }

    /** The bus names of the items registered with the watcher now. */
    public List<String> registeredItems() throws Exception {
        List<String> items = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(watcherProperty("RegisteredStatusNotifierItems"));
        while (quoted.find()) {
            items.add(quoted.group(1));
        }
        return items;
    }

    /** The property as gdbus prints it; empty when the watcher does not answer. */
    private String watcherProperty(String name) throws Exception {
        Commands.Result result = gdbusCall(WATCHER, WATCHER_PATH, "org.freedesktop.DBus.Properties.Get",
                "org.kde.StatusNotifierWatcher", name);
        return result.succeeded() ? result.stdout() : "";
    }

    /** {@code gdbus call --session}: a method of an object on the session bus, as any D-Bus client calls it. */
    public static Commands.Result gdbusCall(String destination, String path, String method, String... arguments)
            throws Exception {
        List<String> call = new ArrayList<>(List.of("gdbus", "call", "--session", "--dest", destination,
                "--object-path", path, "--method", method, "--"));
        call.addAll(List.of(arguments));
        return Commands.run(WAIT, call.toArray(String[]::new));
    }

    /** The panel restarts: the host and its watcher leave the bus, and new ones come; returns once they are up. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    /** The host first, then the watcher, as a panel that ends. */
    private void stop() throws Exception {
        for (Process process : running.reversed()) {
            process.destroy();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        running.clear();
        Poll.until("the StatusNotifierWatcher to leave the session bus", WAIT,
                () -> !RealEnvironment.busNameHasOwner(WATCHER));
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
