package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tray app as a trader starts it ({@code java -jar upstox-token-tray.jar --demo}),
 * watched from outside with the X tools: one app per profile, the XEmbed tray of a desktop without a
 * StatusNotifierItem host (trayer), and a desktop without a tray.
 * Demo mode needs no credentials: it runs its own simulator and keeps its account in the demo
 * profile of the test run's keychain.
 */
class TrayAppProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WINDOW = "Upstox Token Tray (demo)";
    private static final String SETTINGS = "Settings – Upstox Token Tray";

    @TempDir
    Path home;

    @Test
    void aSecondLaunchExitsZeroAtOnceAndBringsTheHiddenWindowOfTheFirstToTheFront() throws Exception {
        RealEnvironment.requireTrayHost();
        RealEnvironment.requireKeychain();
        XDisplay display = XDisplay.ofTestRun();
        display.run("dunstctl", "close-all"); // earlier tests' notifications would hide the window in the screenshot
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
            assertThat(log()).contains("already runs for profile 'demo'");
            display.awaitDrawn(WINDOW);
            display.screenshot("single-instance-window-forward");
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
            }
        }
    }

    /** Once the renewal service planned (the app is up, and its single-instance guard listens). */
    private void awaitRunning(AppProcess.Running process) throws Exception {
        Poll.until("the app to start", WAIT, Duration.ofMillis(200), () -> {
            assertThat(process.isAlive()).as("the app runs; stderr: %s", process.stderrSoFar()).isTrue();
            return log().contains("of profile 'demo'");
        });
    }

    private String log() throws Exception {
        Path log = home.resolve(".local/state/upstox-token-tray/logs/upstox-token-tray.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
