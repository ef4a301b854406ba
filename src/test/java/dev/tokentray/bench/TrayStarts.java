package dev.tokentray.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Starting the tray app and seeing it ready: the tray icon shown with the first token state. The
 * app's log is marked before each start and polled every 2 ms for the ready line (see
 * {@link ReadyLine}); the figures are taken the moment it is seen.
 */
final class TrayStarts {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(2);

    private final AppLog log;
    /** Learnt in the first (unmeasured) start: whether the app writes its own Ready line. */
    private boolean exact;

    TrayStarts(Path stateHome) {
        this.log = new AppLog(stateHome);
    }

    /**
     * @param appMillis     the app's own figure (Ready line), else the line's timestamp minus the spawn time
     * @param logMillis     the line's timestamp minus the spawn time (the same clock: this machine's)
     * @param outsideMillis from the spawn to this bench seeing the line
     * @param cpuMillis     utime+stime of the process when the line was seen
     * @param trayIcon      whether the app's tray icon was there then: its StatusNotifierItem registered with
     *                      the watcher, or an AWT tray icon (XEmbed, "JavaEmbeddedFrame") on the display
     */
    record Start(AppUnderBench.Running process, ReadyLine.Ready ready, double appMillis, double logMillis,
            double outsideMillis, double cpuMillis, boolean trayIcon) {}

    boolean exact() {
        return exact;
    }

    /**
     * A first, unmeasured start: it brings the app's files into the page cache (as on a desktop
     * where the app ran before) and tells which ready line this build writes.
     */
    void learn(AppUnderBench app) throws Exception {
        try (AppUnderBench.Running first = start(app, "--hidden")) {
            await(first, false);
            exact = ReadyLine.find(awaitLog(first, Duration.ofSeconds(5), false,
                    text -> ReadyLine.find(text, true).isPresent()), true).isPresent();
        }
    }

    String how() {
        return exact
                ? "the app's own figure in its log line \"Ready: the tray shows the token state (...) N ms after the"
                        + " process started\", from its process start"
                : "this build writes no \"Ready: ...\" line yet: the timestamp of the renewal service's first plan"
                        + " line (\"Token of profile 'default' valid until ...\", after the keychain read; the tray"
                        + " icon was added before it) minus the spawn time";
    }

    /** Starts the tray app, its log marked first: what it writes comes after the mark. */
    AppUnderBench.Running start(AppUnderBench app, String... args) throws IOException {
        log.mark();
        return app.start(args);
    }

    /** Waits for the ready line and takes the figures at that moment. */
    Start await(AppUnderBench.Running process) throws Exception {
        return await(process, exact);
    }

    private Start await(AppUnderBench.Running process, boolean exactLine) throws Exception {
        String text = awaitLog(process, DEADLINE, true, since -> ReadyLine.find(since, exactLine).isPresent());
        long seen = System.nanoTime();
        double cpu = ProcStat.cpuMillis(process.pid());
        ReadyLine.Ready ready = ReadyLine.find(text, exactLine).orElseThrow();
        double logMillis = Duration.between(process.spawnedAt(), ready.loggedAt()).toNanos() / 1e6;
        double appMillis = ready.appMillis().isPresent() ? ready.appMillis().getAsLong() : logMillis;
        boolean trayIcon = statusNotifierItemOf(process)
                || Bench.run(Duration.ofSeconds(10), "xwininfo", "-root", "-tree").contains("JavaEmbeddedFrame");
        return new Start(process, ready, appMillis, logMillis, (seen - process.spawnedNanos()) / 1e6, cpu, trayIcon);
    }

    /** Whether the process's StatusNotifierItem is registered with the desktop's watcher (when it has one). */
    private static boolean statusNotifierItemOf(AppUnderBench.Running process) throws IOException, InterruptedException {
        String items;
        try {
            items = Bench.run(Duration.ofSeconds(10), "dbus-send", "--session", "--print-reply",
                    "--dest=org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", "org.freedesktop.DBus.Properties.Get",
                    "string:org.kde.StatusNotifierWatcher", "string:RegisteredStatusNotifierItems");
        } catch (IOException noWatcher) {
            return false;
        }
        return items.contains("org.kde.StatusNotifierItem-" + process.pid() + "-");
    }

    /** Which tray the app said it uses, in the log of its first start: the bench measures the tray it names. */
    String tray() throws IOException {
        String text = log.since();
        if (text.contains("The tray icon is the StatusNotifierItem")) {
            return "sni";
        }
        return text.contains("The tray icon is in AWT's system tray") ? "xembed" : "none";
    }

    /**
     * Polls the log (what came since the mark) until {@code done}, and returns it; fails when the
     * process ends, and at the deadline when {@code failAtDeadline} (else returns what there is).
     */
    private String awaitLog(AppUnderBench.Running process, Duration within, boolean failAtDeadline, LogCondition done)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String since = log.since();
            if (done.holds(since)) {
                return since;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The app ended before it was ready; stderr: " + process.stderr());
            }
            if (System.nanoTime() - deadline > 0) {
                if (failAtDeadline) {
                    throw new IllegalStateException("The app was not ready within " + within.toSeconds() + " s; its log:\n"
                            + since);
                }
                return since;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    @FunctionalInterface
    private interface LogCondition {
        boolean holds(String logSince) throws Exception;
    }
}
