package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real app, its renewal failing at the simulator, tells the real notification daemon of the
 * test desktop (dunst on the session bus), watched from outside with {@code dbus-monitor}.
 */
class FailedRenewalNotificationTest {
    private final FxRobot robot = new FxRobot();
    private AppUnderTest app;
    private Process monitor;
    private Path monitorLog;

    @TempDir
    Path folder;

    @BeforeAll
    static void startJavaFx() throws Exception {
        RealEnvironment.requireDisplay();
        RealEnvironment.requireKeychain();
        RealEnvironment.requireNotificationDaemon();
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void quit() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            FxToolkit.cleanupStages();
        } finally {
            if (monitor != null) {
                monitor.destroy();
                monitor.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRenewalThatFailsSendsOneNotificationWithItsReasonAndASecondFailureSoonAfterSendsNone() throws Exception {
        dunstctl("close-all");
        watchTheBus();
        // Upstox answers the OTP step with 503: a transient failure. "No token at the ready-by
        // time" is switched off, so that the time of day of the test run cannot add a notification.
        EnumSet<NotificationKind> kinds = EnumSet.allOf(NotificationKind.class);
        kinds.remove(NotificationKind.NOT_READY);
        app = AppUnderTest.in(folder)
                .faults(FaultRule.always(LoginStep.OTP_GENERATE, new Fault.Status(503)))
                .notifications(kinds)
                .start();

        Poll.until("the Notify call on the bus", WAIT, () -> notifyCalls().size() == 1);
        Attempt failed = lastAttempt();
        assertThat(failed.failedWith(FailureKind.TRANSIENT)).isTrue();
        String reason = failed.failure().orElseThrow().message();
        assertThat(reason).isEqualTo("Upstox had a fault (HTTP 503) at step 2 of 6 (start the OTP session). A later try"
                + " usually works.");
        List<String> call = notifyCalls().getFirst();
        assertThat(call.get(0)).isEqualTo("string \"Upstox Token Tray\"");
        assertThat(call.get(3)).as("the summary").isEqualTo("string \"Renewal failed\"");
        assertThat(call.get(4)).as("the body").isEqualTo("string \"" + reason + "\"");
        assertThat(call).contains("variant             byte 1"); // normal urgency
        Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));
        Poll.until("the window to say why", WAIT, () -> app.text("problem").equals("The last login failed: " + reason));
        assertThat(app.text("headline")).isEqualTo(Look.EXPIRED.headline());
        XDisplay.ofTestRun().screenshot("notification-renewal-failed");

        // The trader tries again at once and it fails again: within five minutes, no second notification.
        robot.clickOn("#renew");
        Poll.until("the second failed login", WAIT, () -> attempts().size() == 2);
        assertThat(Poll.holdsFor(Duration.ofSeconds(2), () -> notifyCalls().size() == 1))
                .as("the same failure is not notified twice within minutes").isTrue();
        assertThat(dunstctl("count", "displayed")).isEqualTo("1");
    }

    private void watchTheBus() throws Exception {
        monitorLog = folder.resolve("dbus-monitor.log");
        monitor = new ProcessBuilder("dbus-monitor", "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'")
                .redirectOutput(monitorLog.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // Once a monitor, it has its name taken away: from then on it sees every matching call.
        Poll.until("dbus-monitor to watch the bus", WAIT, () -> Files.readString(monitorLog).contains("NameLost"));
    }

    private List<Attempt> attempts() {
        return new LoginHistory(app.dirs().state().resolve("history.jsonl"), Clock.systemUTC())
                .attempts(app.vault().profile().name());
    }

    private Attempt lastAttempt() {
        return attempts().getLast();
    }

    /** The Notify calls dbus-monitor saw, each as its argument lines, stripped. */
    private List<List<String>> notifyCalls() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(monitorLog)) {
            if (line.startsWith("method call") && line.contains("member=Notify")) {
                calls.add(new ArrayList<>());
            } else if (!calls.isEmpty() && line.startsWith(" ")) {
                calls.getLast().add(line.strip());
            }
        }
        return calls;
    }

    private static String dunstctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("dunstctl"));
        command.addAll(List.of(arguments));
        Commands.Result result = Commands.run(WAIT, command.toArray(String[]::new));
        assertThat(result.succeeded()).as("dunstctl %s", String.join(" ", arguments)).isTrue();
        return result.stdout().strip();
    }
}
