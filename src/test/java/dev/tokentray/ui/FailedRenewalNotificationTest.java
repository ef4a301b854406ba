package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static dev.tokentray.testsupport.NotificationWatch.dunstctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.SimulatorLoginPage;
import dev.tokentray.token.Totp;
import dev.tokentray.ui.browser.BrowserLoginWindow;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The real app, its renewal failing at the simulator, tells the real notification daemon of the
 * test desktop (dunst on the session bus), watched from outside with {@code dbus-monitor}; a
 * blocked login leads from there to the browser login, completed on the simulator's login page.
 */
class FailedRenewalNotificationTest extends RealAppNotificationTest {

    @Test
    void aRenewalThatFailsSendsOneNotificationWithItsReasonAndASecondFailureSoonAfterSendsNone() throws Exception {
        watch = NotificationWatch.start(folder);
        // Upstox answers the OTP step with 503: a transient failure. "No token at the ready-by
        // time" is switched off, so that the time of day of the test run cannot add a notification.
        EnumSet<NotificationKind> kinds = EnumSet.allOf(NotificationKind.class);
        kinds.remove(NotificationKind.NOT_READY);
        app = AppUnderTest.in(folder)
                .faults(FaultRule.always(LoginStep.OTP_GENERATE, new Fault.Status(503)))
                .notifications(kinds)
                .start();

        Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
        Attempt failed = lastAttempt();
        assertThat(failed.failedWith(FailureKind.TRANSIENT)).isTrue();
        String reason = failed.failure().orElseThrow().message();
        assertThat(reason).isEqualTo("Upstox had a fault (HTTP 503) at step 2 of 6 (start the OTP session). A later try"
                + " usually works.");
        List<String> call = watch.notifyCalls().getFirst();
        assertThat(call.get(0)).isEqualTo("string \"Upstox Token Tray\"");
        assertThat(call.get(3)).as("the summary").isEqualTo("string \"Renewal failed\"");
        assertThat(call.get(4)).as("the body").isEqualTo("string \"" + reason + "\"");
        assertThat(call).contains("variant             byte 1"); // normal urgency
        Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));
        Poll.until("the window to say why", WAIT, () -> app.text("problem").equals("The last login failed: " + reason));
        assertThat(app.text("headline")).isEqualTo(Look.EXPIRED.headline());
        XDisplay.ofTestRun().screenshot("notification-renewal-failed");

        // The trader tries again at once and it fails again: within five minutes, no second notification.
        robot.clickOn("#" + app.row("renew"));
        Poll.until("the second failed login", WAIT, () -> attempts().size() == 2);
        assertThat(Poll.holdsFor(Duration.ofSeconds(2), () -> watch.notifyCalls().size() == 1))
                .as("the same failure is not notified twice within minutes").isTrue();
        assertThat(dunstctl("count", "displayed")).isEqualTo("1");
    }

    @Test
    void aBlockedLoginLeadsByTheNotificationAndTheWindowToTheBrowserLoginWhichYieldsAValidToken() throws Exception {
        watch = NotificationWatch.start(folder);
        // Upstox's bot wall answers the OTP step with an HTML page; the redirect URI is a loopback
        // address of the test's own, registered with the simulator.
        SimulatedAccount account = SimulatedAccount.fromEnvironment(
                Map.of("UPSTOX_REDIRECT_URI", "http://127.0.0.1:" + FreePort.pick() + "/callback"));
        EnumSet<NotificationKind> kinds = EnumSet.allOf(NotificationKind.class);
        kinds.remove(NotificationKind.NOT_READY);
        app = AppUnderTest.in(folder)
                .simulator(AppUnderTest.simulatorDefaults().withAccount(account))
                .storedCredentials(Optional.of(account.credentials()))
                .faults(FaultRule.always(LoginStep.OTP_GENERATE, new Fault.BotWall()))
                .notifications(kinds)
                .start();

        // The notification says so and leads to the browser login.
        Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
        assertThat(lastAttempt().failedWith(FailureKind.BLOCKED)).isTrue();
        List<String> call = watch.notifyCalls().getFirst();
        assertThat(call.get(3)).isEqualTo("string \"Renewal failed: log in with the browser\"");
        assertThat(call.get(4)).contains("bot protection", "log in with the browser");
        assertThat(call).contains("string \"browser-login\"", "string \"Log in with browser\"");
        // The window too: the browser login is the problem's first button, and Enter's.
        app.awaitLook(Look.ATTENTION);
        Poll.until("the window to offer the browser login", WAIT, () -> app.shows("browser-login"));
        assertThat(app.text("browser-login").replace("_", "")).isEqualTo("Log in with browser…");
        assertThat(app.shows("fix-credentials")).as("the credentials are not the problem").isFalse();
        Screenshots.inBothThemes(app.scene(), "status-blocked");

        // Clicking the notification opens the browser login, which opens the browser and listens.
        Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));
        dunstctl("action", "0");
        Stage login = AppUnderTest.awaitWindow(BrowserLoginWindow.TITLE);
        Poll.until("the browser to open", WAIT, () -> app.browserOpened().size() == 1);
        URI first = leadsTo(app.browserOpened().getFirst());
        assertThat(text(login, "address")).isEqualTo(first.toString());
        Poll.until("the wait for the browser", WAIT, () -> shows(login, "waiting"));
        assertThat(text(login, "waiting-text"))
                .isEqualTo("Waiting for Upstox to send the browser back to " + account.redirectUri() + " …");
        assertThat(text(login, "time-left")).matches("[45]:\\d\\d left");
        // Cancel stops the listener: a browser coming back now finds nothing.
        robot.clickOn(lookup(login, "close"));
        Poll.until("the window to close", WAIT, () -> !Fx.call(login::isShowing));
        URI redirect = URI.create(account.redirectUri());
        Poll.until("the listener to stop", WAIT, () -> !listening(redirect));

        // The status window's button: a new login, which the trader completes on the simulator's page.
        robot.clickOn("#browser-login");
        Stage again = AppUnderTest.awaitWindow(BrowserLoginWindow.TITLE);
        Poll.until("the browser to open again", WAIT, () -> app.browserOpened().size() == 2);
        URI address = leadsTo(app.browserOpened().get(1));
        assertThat(address).as("a new state").isNotEqualTo(first);
        Poll.until("the wait for the browser", WAIT, () -> shows(again, "waiting"));
        Screenshots.inBothThemes(again.getScene(), "browser-login-waiting");
        SimulatorLoginPage page = new SimulatorLoginPage();
        URI back = page.logIn(address, account.credentials().mobileNumber(),
                Totp.fromBase32(account.credentials().totpSecret()).codeAt(Instant.now()),
                account.credentials().pin().reveal());
        HttpResponse<String> closeThisTab = page.get(back); // the browser follows the redirect to the app
        assertThat(closeThisTab.statusCode()).isEqualTo(200);
        assertThat(closeThisTab.body()).contains("You can close this tab.");

        Poll.until("the login to succeed", WAIT, () -> text(again, "result").startsWith("Logged in: token valid until "));
        app.awaitLook(Look.VALID);
        assertThat(app.token().stateAt(Instant.now()).usable()).isTrue();
        assertThat(lastAttempt().trigger()).isEqualTo(Trigger.BROWSER);
        assertThat(lastAttempt().succeeded()).isTrue();
        assertThat(app.shows("browser-login")).isFalse();
        assertThat(text(again, "close")).isEqualTo("Close");
        Screenshots.inBothThemes(again.getScene(), "browser-login-done");
        XDisplay.ofTestRun().screenshot("browser-login-screen");
    }

    /** Where the one-time local address the browser was opened with sends it: the login's own address. */
    private static URI leadsTo(URI opened) throws Exception {
        assertThat(opened.toString()).startsWith("http://127.0.0.1:").doesNotContain("state");
        HttpResponse<String> redirect = new SimulatorLoginPage().get(opened);
        assertThat(redirect.statusCode()).isEqualTo(303);
        return URI.create(redirect.headers().firstValue("Location").orElseThrow());
    }

    private static Node lookup(Stage stage, String id) throws Exception {
        return Fx.call(() -> {
            Node node = stage.getScene().lookup("#" + id);
            if (node == null) {
                throw new AssertionError("The window '" + stage.getTitle() + "' has no #" + id);
            }
            return node;
        });
    }

    private static String text(Stage stage, String id) throws Exception {
        Node node = lookup(stage, id);
        return Fx.call(() -> node instanceof TextInputControl input ? input.getText() : ((Labeled) node).getText());
    }

    private static boolean shows(Stage stage, String id) throws Exception {
        Node node = lookup(stage, id);
        return Fx.call(() -> node.isVisible() && stage.isShowing());
    }

    private static boolean listening(URI address) {
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }


    private List<Attempt> attempts() {
        return new LoginHistory(app.dirs().state().resolve("history.jsonl"), Clock.systemUTC(), profile -> {})
                .attempts(app.vault().profile().name());
    }

    private Attempt lastAttempt() {
        return attempts().getLast();
    }


}
