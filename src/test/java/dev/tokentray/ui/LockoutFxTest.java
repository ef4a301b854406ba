package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.ui.status.Look;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.ProfileVault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The real tray app against the lockout rules: "Test and save" pressed while a renewal runs, a
 * rejection met by the command line shown within seconds, and the setup window that neither shows
 * a stored secret nor sends a rejected one without asking.
 */
class LockoutFxTest extends RealAppFxTest {
    private static final String EDIT_TITLE = "Upstox login – Upstox Token Tray";

    @Test
    void testAndSavePressedDuringARunningRenewalSendsAndSavesTheNewCredentialsAfterIt() throws Exception {
        // The stored API secret is wrong, and the renewal at start is held at its last step, long
        // enough for the trader to open the window and type (within the app's 20 s per answer).
        app = AppUnderTest.in(folder)
                .storedCredentials(Optional.of(TestAccounts.defaultWith(CredentialField.CLIENT_SECRET, "not-the-secret")))
                .faults(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofSeconds(15))))
                .start();
        Poll.until("the renewal to wait at the token exchange", WAIT,
                () -> app.simulator().counters().requests(LoginStep.TOKEN_EXCHANGE) == 1);

        Stage wizard = openEditCredentials();
        assertThat(inputText(wizard, "#clientSecret")).as("no stored secret in a field").isEmpty();
        robot.clickOn("#clientSecret").write(SimulatedAccount.DEFAULT_CLIENT_SECRET);
        assertThat(attempts()).as("the renewal still runs").isEmpty();
        robot.clickOn("#testAndSave");

        assertThat(Poll.holdsFor(Duration.ofSeconds(2), () -> app.simulator().counters().requests(Endpoint.DIALOG) == 1))
                .as("the test's login waits for the running one").isTrue();
        assertThat(text(wizard, "#testAndSave")).isEqualTo("Testing…");
        Poll.until("the test login to succeed", Duration.ofSeconds(40), () -> text(wizard, "#testAndSave").equals("Done"));
        assertThat(text(wizard, "#result")).startsWith("Logged in as Simulated Trader (SIM001).");

        assertThat(app.simulator().counters().requests(Endpoint.DIALOG)).isEqualTo(2);
        assertThat(app.vault().credentials()).contains(app.simulator().account().credentials());
        assertThat(attempts()).extracting(Attempt::succeeded).containsExactly(false, true);
        app.awaitLook(Look.VALID);
    }

    /**
     * {@code token} as the command line runs it (its renewal on the app's keychain and state
     * folder), with the wrong PIN, while the app waits out a network fault: the window shows the
     * rejection within 5 s, not at its next minute's look, and the app never sends the PIN. Its
     * "Edit credentials" shows no secret, keeps the rejected PIN marked, and asks before sending it
     * again, with Cancel as the answer Enter gives.
     */
    @Test
    void theWindowShowsARejectionTheCommandLineMetWithinSecondsAndTheSetupWindowAsksBeforeSendingItAgain()
            throws Exception {
        app = AppUnderTest.in(folder)
                .storedCredentials(Optional.of(TestAccounts.defaultWith(CredentialField.PIN, "111111")))
                .faults(FaultRule.next(1, LoginStep.DIALOG, new Fault.Status(503)))
                .start();
        Poll.until("the app's first login to fail", WAIT, () -> attempts().size() == 1);
        app.awaitLook(Look.EXPIRED);

        RenewalWiring commandLine = RenewalWiring.of(new ProfileVault(new ChangeMarks(app.dirs().state())
                        .observing(new KeyringSecretStore(AppUnderTest.KEYCHAIN_SERVICE)), app.vault().profile()),
                new UpstoxLoginClient(app.simulator().hosts(), LoginTimeouts.DEFAULT, Clock.systemUTC()),
                app.dirs().state(), () -> RenewalSettings.DEFAULT, Clock.systemUTC());
        assertThat(catchThrowableOfType(LoginException.class, () -> commandLine.renewer().validToken())).isNotNull();
        long rejectedAt = System.nanoTime();

        Poll.until("the window to show the rejection", Duration.ofSeconds(5),
                () -> app.text("headline").equals(Look.ATTENTION.headline()) && app.shows("problem"));
        System.out.printf("The window showed the command line's rejection %d ms after it%n",
                Duration.ofNanos(System.nanoTime() - rejectedAt).toMillis());
        assertThat(app.text("problem")).contains("rejected the PIN");
        assertThat(app.shows("retry-rejected")).isTrue();

        robot.clickOn("#fix-credentials");
        Stage wizard = AppUnderTest.awaitWindow(EDIT_TITLE);
        for (String secret : List.of("#pin", "#totpSecret", "#clientSecret")) {
            assertThat(inputText(wizard, secret)).as(secret).isEmpty();
        }
        assertThat(inputText(wizard, "#mobile")).isEqualTo(SimulatedAccount.DEFAULT_MOBILE);
        assertThat(text(wizard, "#pin-problem")).startsWith("Upstox rejected this PIN at ");
        robot.clickOn("#testAndSave");
        Stage question = AppUnderTest.awaitWindow("Send rejected values again?");
        assertThat(Fx.call(() -> StatusWindowFxTest.cancelButtonOf(question).isDefaultButton())).isTrue();
        robot.type(KeyCode.ENTER);
        Poll.until("the question to close", WAIT, () -> !Fx.call(question::isShowing));
        Poll.until("the wizard to say nothing was sent", WAIT, () -> text(wizard, "#result").startsWith("Nothing was sent."));

        robot.clickOn("#pin").write(SimulatedAccount.DEFAULT_PIN);
        assertThat(Fx.call(() -> ((Labeled) wizard.getScene().lookup("#pin-problem")).isVisible())).isFalse();
        robot.clickOn("#testAndSave");
        Poll.until("the corrected PIN to log in", Duration.ofSeconds(40), () -> text(wizard, "#testAndSave").equals("Done"));
        app.awaitLook(Look.VALID);
        assertThat(app.simulator().counters().count(dev.tokentray.sim.SimulatorCounters.Event.PIN_ATTEMPTS))
                .as("the wrong PIN once (by the command line), the right one once").isEqualTo(2);
    }

    private Stage openEditCredentials() throws Exception {
        openMenuItem(0, "edit-credentials");
        return AppUnderTest.awaitWindow(EDIT_TITLE);
    }

    private List<Attempt> attempts() {
        return new LoginHistory(app.dirs().state().resolve("history.jsonl"), Clock.systemUTC(), profile -> {})
                .attempts(app.vault().profile().name());
    }

    private static String text(Stage window, String selector) throws Exception {
        return Fx.call(() -> ((Labeled) window.getScene().lookup(selector)).getText());
    }

    private static String inputText(Stage window, String selector) throws Exception {
        return Fx.call(() -> ((TextInputControl) window.getScene().lookup(selector)).getText());
    }
}
