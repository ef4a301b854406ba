package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.DemoStops;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tray app as a trader starts it ({@code java -jar upstox-token-tray.jar --demo}),
 * watched from outside with the X tools: one app, the XEmbed tray of a desktop without a
 * StatusNotifierItem host (trayer), a desktop without a tray, or without a display, and the demo's
 * three accounts. Demo mode needs no credentials: it runs its own simulator and keeps its accounts
 * in the demo's profiles of the test run's keychain.
 */
class TrayAppProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration THREE_LOGINS = Duration.ofSeconds(90);
    private static final String WINDOW = "Upstox Token Tray (demo)";
    private static final String SETTINGS = "Settings – Upstox Token Tray";

    @TempDir
    Path home;

    /** Lifts the stop of the demo mother's refused PIN, so that the next demo meets the refusal itself. */
    @AfterEach
    void liftTheDemosStop() throws Exception {
        RealEnvironment.requireKeychain(); // as every test here
        DemoStops.lift();
    }

    @Test
    void aSecondLaunchExitsZeroAtOnceAndBringsTheHiddenWindowOfTheFirstToTheFront() throws Exception {
        RealEnvironment.requireTrayHost();
        RealEnvironment.requireKeychain();
        XDisplay display = XDisplay.ofTestRun();
        AppProcess app = new AppProcess(home);
        try (AppProcess.Running first = app.start("--demo", "--hidden")) {
            awaitRunning(first);
            // No StatusNotifierWatcher on the bus (only the native tray's tests start one): AWT's XEmbed icon.
            Poll.until("the tray icon", WAIT, () -> log().contains("The tray icon is in AWT's system tray (XEmbed)"));
            assertThat(log()).contains("No StatusNotifierWatcher on the session bus");
            assertThat(display.windowNames()).as("its icon is in trayer's panel").contains("JavaEmbeddedFrame");
            Poll.until("the token's state in the tray", WAIT, () -> log().contains("Ready: the tray shows the token state"));
            display.screenshot("xembed-tray-icon");
            assertThat(display.shows(WINDOW)).as("started hidden to the tray").isFalse();

            long started = System.nanoTime();
            AppProcess.Result second = app.run("--demo");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(second.exitCode()).as("the second launch's exit code; stderr: %s", second.stderr()).isZero();
            assertThat(took).as("the second launch hands over and ends").isLessThan(Duration.ofSeconds(15));
            Poll.until("the first app's window to come forward", WAIT, () -> display.shows(WINDOW));
            assertThat(first.isAlive()).isTrue();
            assertThat(log()).contains("already runs in demo mode");
            display.awaitDrawn(WINDOW);
            display.screenshot("single-instance-window-forward");
            quitWithTheWindowOpen(first);
        }
    }

    @Test
    void withoutATrayHostTheAppKeepsItsWindowSaysWhyAndStaysUsable() throws Exception {
        RealEnvironment.requireDisplay();
        RealEnvironment.requireKeychain();
        try (XDisplay bare = XDisplay.startXvfb(Files.createDirectories(home.resolve("xvfb")))) {
            AppProcess app = new AppProcess(home).set(bare.environment());
            // --hidden, as at login: without a tray the window shows all the same.
            try (AppProcess.Running running = app.start("--demo", "--hidden")) {
                Poll.until("the window on a desktop without a tray", WAIT, () -> bare.shows(WINDOW));
                awaitRunning(running);
                assertThat(log()).contains("No StatusNotifierWatcher on the session bus",
                        "This desktop shows no tray icons: the app keeps a normal window");
                Poll.until("the demo token", WAIT, Duration.ofMillis(200), () -> log().contains("Renewed the token of"
                        + " profile 'demo'") || log().contains("Token of profile 'demo' valid until"));
                bare.awaitDrawn(WINDOW);
                assertThat(bare.windowNames()).doesNotContain("JavaEmbeddedFrame");
                bare.screenshot("no-tray-window");

                // Usable by keyboard: Alt+S opens the settings.
                String id = bare.run("xdotool", "search", "--name", "^Upstox Token Tray \\(demo\\)$").stdout().strip()
                        .lines().findFirst().orElseThrow();
                assertThat(bare.run("xdotool", "windowfocus", "--sync", id).succeeded()).isTrue();
                assertThat(bare.run("xdotool", "key", "--window", id, "alt+s").succeeded()).isTrue();
                Poll.until("Alt+S to open the settings", WAIT, () -> bare.shows(SETTINGS));
                bare.awaitDrawn(SETTINGS);
                bare.screenshot("no-tray-settings");

                // And a second launch still hands over to it, rather than opening a second app.
                AppProcess.Result second = app.run("--demo");
                assertThat(second.exitCode()).isZero();
                assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> bare.shows(WINDOW) && running.isAlive())).isTrue();
                quitWithTheWindowOpen(running);
            }
        }
    }

    /**
     * On a server, or over ssh: the tray app says in one line what to run instead, and ends,
     * rather than printing a stack trace and renewing on unseen.
     */
    @Test
    void withoutADisplayTheAppSaysSoInOneLineAndEndsWithinTenSeconds() throws Exception {
        RealEnvironment.requireKeychain();
        AppProcess app = new AppProcess(home).without("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY");
        for (String[] command : List.of(new String[] {"--demo"}, new String[] {}, new String[] {"run"})) {
            long started = System.nanoTime();
            AppProcess.Result result = app.run(command);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("`%s` ends", String.join(" ", command))
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isEqualTo(10);
            assertThat(result.stderr()).isEqualTo("No display: for a server use `run --headless`\n");
            assertThat(result.stdout()).isEmpty();
        }
        assertThat(log()).contains("The tray app cannot start: neither DISPLAY nor WAYLAND_DISPLAY is set");
    }

    /**
     * The starts from the menu and at login load no class of picocli's (Cli.everydayTrayStart):
     * the AOT cache cannot hold them (Java 5 bytecode), so each would be read at every start.
     */
    @Test
    void theEverydayStartsLoadNoClassOfPicocli() throws Exception {
        RealEnvironment.requireKeychain();
        Path classes = home.resolve("classes.log");
        AppProcess app = new AppProcess(home).without("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")
                .set("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        for (String[] command : List.of(new String[] {}, new String[] {"--hidden"}, new String[] {"--demo"})) {
            Files.deleteIfExists(classes);
            AppProcess.Result result = app.run(command);

            assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isEqualTo(10);
            String loaded = Files.readString(classes);
            assertThat(loaded).contains("dev.tokentray.cli.Cli ");
            if (command.length == 0 || command[0].equals("--hidden")) {
                assertThat(loaded).as("`%s`", String.join(" ", command)).doesNotContain(" picocli.");
            } else {
                assertThat(loaded).as("any other start is parsed by picocli").contains(" picocli.CommandLine ");
            }
        }
    }

    /**
     * X refuses a client without the display's cookie, as it refuses one that connects while it
     * resets: AWT's first connection fails with an Error, which must end the app as well.
     */
    @Test
    void withADisplayThatRefusesTheAppSaysSoInOneLineAndEndsWithinTenSeconds() throws Exception {
        RealEnvironment.requireDisplay();
        RealEnvironment.requireKeychain();
        try (XDisplay refusing = XDisplay.startXvfb(Files.createDirectories(home.resolve("xvfb")))) {
            Path noCookie = Files.createFile(home.resolve("no-cookie"));
            AppProcess app = new AppProcess(home).set(Map.of("DISPLAY", refusing.name(), "XAUTHORITY", noCookie.toString()));
            long started = System.nanoTime();
            AppProcess.Result result = app.run("--demo");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isEqualTo(10);
            // X's own library says why first ("Authorization required, ..."); no stack trace.
            assertThat(result.stderr()).endsWith("\nNo display: the display " + refusing.name()
                    + " refused the connection; for a server use `run --headless`\n").doesNotContain("\tat ");
            assertThat(log()).contains("The tray app could not start: java.awt.AWTError");
        }
    }

    /**
     * No tray, and JavaFX cannot start (here: no graphics pipeline it knows): nothing can show, so
     * the app ends, saying so in its last line, rather than renewing on unseen.
     */
    @Test
    void withoutATrayAndWithoutJavaFxTheAppSaysSoAndEnds() throws Exception {
        RealEnvironment.requireDisplay();
        RealEnvironment.requireKeychain();
        try (XDisplay bare = XDisplay.startXvfb(Files.createDirectories(home.resolve("xvfb")))) {
            AppProcess app = new AppProcess(home).set(bare.environment()).set("JAVA_TOOL_OPTIONS", "-Dprism.order=none");

            AppProcess.Result result = app.run("--demo");

            assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isEqualTo(10);
            assertThat(result.stderr()).endsWith("\nThe tray app could not start (RuntimeException); the log in "
                    + home.resolve(".local/state/upstox-token-tray/logs") + " says more. For a server use `run --headless`\n");
            assertThat(log()).contains("This desktop shows no tray icons", "The tray app could not start: java.lang.RuntimeException");
        }
    }

    /**
     * The demo's three accounts at once: two with a token (renewed one after the other), the
     * third's stored PIN refused by the simulator, once; and a second start of the demo sends it
     * no more.
     */
    @Test
    void theDemoShowsThreeAccountsWhoseRefusedPinIsSentOnceAndNotAgainAtTheNextStart() throws Exception {
        RealEnvironment.requireTrayHost();
        RealEnvironment.requireKeychain();
        XDisplay display = XDisplay.ofTestRun();
        AppProcess app = new AppProcess(home);
        try (AppProcess.Running demo = app.start("--demo")) {
            // Three logins, one after another 3 s apart, in a JVM that just started: more than a start's wait.
            Poll.until("the demo's accounts to be renewed and refused", THREE_LOGINS, Duration.ofMillis(200), () -> {
                assertThat(demo.isAlive()).as("the demo runs; stderr: %s", demo.stderrSoFar()).isTrue();
                return hasToken("demo") && hasToken("demo-huf")
                        && log().contains("Automatic renewal of profile 'demo-mother' stopped");
            });
            assertThat(occurrences(log(), "Login of profile 'demo-mother' failed (CREDENTIALS)")).as("the log: %s", log())
                    .isEqualTo(1);
            display.awaitDrawn(WINDOW);
            display.screenshotOf(WINDOW, "demo");
            quitWithTheWindowOpen(demo);
        }
        assertThat(occurrences(log(), "Ready: the tray shows the token state")).isEqualTo(1);

        try (AppProcess.Running again = app.start("--demo", "--hidden")) {
            Poll.until("the second start to plan", WAIT, Duration.ofMillis(200),
                    () -> occurrences(log(), "Automatic renewal of profile 'demo-mother' stopped") == 2);
            assertThat(Poll.holdsFor(Duration.ofSeconds(3),
                    () -> occurrences(log(), "Login of profile 'demo-mother' failed") == 1))
                    .as("the refused PIN is not sent again").isTrue();
            quit(again);
        }
    }

    /** Renewed, or valid still from an earlier test's demo: the keychain is the test run's. */
    private boolean hasToken(String profile) throws Exception {
        return log().contains("Renewed the token of profile '" + profile + "'")
                || log().contains("Token of profile '" + profile + "' valid until");
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** As a logout ends it (SIGTERM): it quits, and takes its notifications ("Token renewed") with it. */
    private void quit(AppProcess.Running app) throws Exception {
        app.terminate();
        AppProcess.Result ended = app.await();
        assertThat(ended.exitCode()).isEqualTo(AppProcess.TERMINATED);
        assertThat(ended.stderr()).as("what the app printed as it ended").doesNotContain("Exception");
    }

    /**
     * SIGTERM with the window open: JavaFX ends on its own thread before the JVM's shutdown hooks
     * run (among them JavaFX's own, which stops the renderer under a frame being drawn).
     */
    private void quitWithTheWindowOpen(AppProcess.Running app) throws Exception {
        quit(app);
        String log = log();
        int signal = log.lastIndexOf("SIGTERM: the app ends");
        assertThat(signal).as("the log: %s", log).isNotNegative();
        assertThat(log.indexOf("JavaFX ended", signal)).as("JavaFX ended after the signal; the log: %s", log).isPositive();
    }

    /** Once the tray shows the accounts' states (the app is up, and its single-instance guard listens). */
    private void awaitRunning(AppProcess.Running process) throws Exception {
        Poll.until("the app to start", WAIT, Duration.ofMillis(200), () -> {
            assertThat(process.isAlive()).as("the app runs; stderr: %s", process.stderrSoFar()).isTrue();
            return log().contains("Ready: the tray shows the token state");
        });
    }

    private String log() throws Exception {
        Path log = home.resolve(".local/state/upstox-token-tray/logs/upstox-token-tray.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
