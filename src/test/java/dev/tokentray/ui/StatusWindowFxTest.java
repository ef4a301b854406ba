package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static dev.tokentray.ui.AppUnderTest.simulatorDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.LoginStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The status window of the real app ({@link DesktopApp} as the tray app wires it) on the test run's
 * X display, driven by TestFX's robot with real mouse clicks: the app logs in to a simulator over
 * HTTP and keeps its login in the real keychain.
 */
class StatusWindowFxTest extends RealAppFxTest {

    @Test
    void copyPutsTheTokenOnTheClipboardAndClearsItAfterTheSetTimeButNotWhatTheTraderCopiedSince() throws Exception {
        app = AppUnderTest.in(folder).clipboardClearsAfter(Duration.ofSeconds(2)).start();
        app.awaitLook(Look.VALID);
        String token = app.token().value().reveal();

        long copied = System.nanoTime();
        robot.clickOn("#" + app.row("copy"));
        assertThat(clipboard()).contains(token);
        assertThat(app.text("message")).isEqualTo("Copied. Clipboard clears in 2 s.");
        Poll.until("the clipboard to be cleared", WAIT, () -> clipboard().isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - copied)).as("not before the set time")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));

        robot.clickOn("#" + app.row("copy"));
        assertThat(clipboard()).contains(token);
        Fx.run(() -> {
            ClipboardContent own = new ClipboardContent();
            own.putString("the trader's own text");
            Clipboard.getSystemClipboard().setContent(own);
        });
        assertThat(Poll.holdsFor(Duration.ofSeconds(4), () -> clipboard().equals(Optional.of("the trader's own text"))))
                .as("what the trader copied after the token stays on the clipboard").isTrue();
    }

    /** A clipboard manager would keep what the app leaves on the clipboard: the token goes with the app. */
    @Test
    void quittingTakesTheTokenOffTheClipboardButNotWhatTheTraderCopiedSince() throws Exception {
        app = AppUnderTest.in(folder).start();
        app.awaitLook(Look.VALID);
        String token = app.token().value().reveal();
        robot.clickOn("#" + app.row("copy"));
        assertThat(clipboard()).contains(token);

        app.close();
        app = null;

        assertThat(clipboard()).as("the token, still there at quit, is gone").isEmpty();

        app = AppUnderTest.in(folder.resolve("again")).start();
        app.awaitLook(Look.VALID);
        robot.clickOn("#" + app.row("copy"));
        assertThat(clipboard()).contains(app.token().value().reveal());
        Fx.run(() -> {
            ClipboardContent own = new ClipboardContent();
            own.putString("the trader's own text");
            Clipboard.getSystemClipboard().setContent(own);
        });

        app.close();
        app = null;

        assertThat(clipboard()).contains("the trader's own text");
    }

    /** An exception nobody caught stops some work: the window says so, and the app goes on. */
    @Test
    void anExceptionNobodyCaughtIsShownInTheWindowAndTheAppGoesOn() throws Exception {
        app = AppUnderTest.in(folder).start();
        app.awaitLook(Look.VALID);

        Platform.runLater(() -> {
            throw new IllegalStateException("a bug in a window");
        });

        Poll.until("the window to say what stopped", WAIT, () -> app.text("message").startsWith(
                "Something stopped: an unexpected IllegalStateException on the thread 'JavaFX Application Thread'."));
        assertThat(app.text("message")).contains("quit it and start it again", app.dirs().logs().toString());
        robot.clickOn("#" + app.row("copy"));
        Poll.until("the window to go on working", WAIT, () -> app.text("message").startsWith("Copied."));
    }

    @Test
    void renewNowShowsEachStepOfTheLoginAndThenTheNewTokensExpiry() throws Exception {
        // The stored token lives 5 hours, the simulator's new ones 2: the expiry must change.
        app = AppUnderTest.in(folder)
                .storedTokenFrom(simulatorDefaults().withTokenLifetime(Duration.ofHours(5)))
                .simulator(simulatorDefaults().withTokenLifetime(Duration.ofHours(2)))
                .start();
        app.awaitLook(Look.VALID);
        AccessToken before = app.token();
        assertThat(app.text("expiry")).isEqualTo("Valid until " + ist(before.expiresAt()));
        assertThat(app.text("user")).isEqualTo("Upstox token of Simulated Trader (SIM001)");
        assertThat(app.text("countdown")).matches("0[45]:\\d\\d:\\d\\d");
        Screenshots.inBothThemes(app.scene(), "status-valid");
        assertThat(Fx.call(() -> ((Parent) app.scene().lookup(".form-scroll")).lookup(".viewport").isCache()))
                .as("the scrolling body drawn at each tick as it is, not into a cached image first").isFalse();

        app.simulator().faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofSeconds(4))));
        robot.clickOn("#" + app.row("renew"));

        Poll.until("the progress of step 4", WAIT,
                () -> app.shows("progress") && app.text("progress-text").equals("Step 4 of 6: check the PIN"));
        assertThat(app.text("headline")).isEqualTo(Look.RENEWING.headline());
        assertThat(app.disabled(app.row("renew"))).as("no second login while one runs").isTrue();
        Screenshots.inBothThemes(app.scene(), "status-renewing");

        Poll.until("the login to end", WAIT, () -> !app.shows("progress"));
        AccessToken after = app.token();
        assertThat(after.value()).isNotEqualTo(before.value());
        assertThat(after.expiresAt()).isBefore(before.expiresAt().minus(Duration.ofHours(2)));
        Poll.until("the new expiry", WAIT, () -> app.text("expiry").equals("Valid until " + ist(after.expiresAt())));
        assertThat(app.text("headline")).isEqualTo(Look.VALID.headline());
        assertThat(app.text("countdown")).matches("0[12]:\\d\\d:\\d\\d");
        assertThat(app.disabled(app.row("renew"))).isFalse();
        assertThat(app.simulator().counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);
    }

    @Test
    void aRejectedPinShowsUpstoxsMessageAndIsNotSentAgainUnlessTheTraderConfirms() throws Exception {
        // Upstox knows another PIN than the one stored.
        app = AppUnderTest.in(folder)
                .simulator(simulatorDefaults().withAccount(SimulatedAccount.fromEnvironment(Map.of("UPSTOX_PIN_CODE", "654321"))))
                .start();
        app.awaitLook(Look.ATTENTION);
        Poll.until("the problem to show", WAIT, () -> app.shows("problem"));
        assertThat(app.text("problem")).contains("Upstox rejected the PIN at step 4 of 6 (check the PIN)",
                "The app does not retry it");
        assertThat(app.shows("fix-credentials")).isTrue();
        assertThat(app.shows("retry-rejected")).isTrue();
        assertThat(pinAttempts()).isEqualTo(1);
        Screenshots.inBothThemes(app.scene(), "status-attention");

        assertThat(Poll.holdsFor(Duration.ofSeconds(3), () -> pinAttempts() == 1))
                .as("no automatic retry of a rejected PIN").isTrue();

        robot.clickOn("#" + app.row("renew"));
        Poll.until("Renew now to say why it does not log in", WAIT, () -> app.shows("message"));
        assertThat(app.text("message")).contains("Upstox rejected these credentials", "Retry these credentials");
        assertThat(Poll.holdsFor(Duration.ofSeconds(3), () -> pinAttempts() == 1))
                .as("Renew now does not send a rejected PIN again").isTrue();

        robot.clickOn("#retry-rejected");
        Stage confirm = AppUnderTest.awaitWindow("Retry rejected credentials");
        assertThat(Fx.call(() -> cancelButton(confirm).isDefaultButton())).as("Enter alone sends nothing").isTrue();
        assertThat(Fx.call(() -> okButton(confirm).isDefaultButton())).isFalse();
        robot.clickOn(cancelButton(confirm));
        Poll.until("the question to close", WAIT, () -> !Fx.call(confirm::isShowing));
        assertThat(Poll.holdsFor(Duration.ofSeconds(2), () -> pinAttempts() == 1)).as("cancelled: no login").isTrue();

        robot.clickOn("#retry-rejected");
        Stage again = AppUnderTest.awaitWindow("Retry rejected credentials");
        robot.clickOn(okButton(again));
        Poll.until("the confirmed retry to reach Upstox", WAIT, () -> pinAttempts() == 2);
        app.awaitLook(Look.ATTENTION);
        assertThat(Poll.holdsFor(Duration.ofSeconds(2), () -> pinAttempts() == 2)).as("one retry, not more").isTrue();
    }

    private long pinAttempts() {
        return app.simulator().counters().count(Event.PIN_ATTEMPTS);
    }

    private static Button cancelButton(Stage dialog) throws Exception {
        return button(dialog, ButtonType.CANCEL);
    }

    /** The button that goes ahead ("Retry once"). */
    static Button okButton(Stage dialog) throws Exception {
        return Fx.call(() -> {
            DialogPane pane = (DialogPane) dialog.getScene().getRoot().lookup(".dialog-pane");
            return pane.getButtonTypes().stream().filter(type -> type.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                    .map(type -> (Button) pane.lookupButton(type)).findFirst().orElseThrow();
        });
    }

    static Button cancelButtonOf(Stage dialog) throws Exception {
        return button(dialog, ButtonType.CANCEL);
    }

    private static Button button(Stage dialog, ButtonType type) throws Exception {
        return Fx.call(() -> (Button) ((DialogPane) dialog.getScene().getRoot().lookup(".dialog-pane")).lookupButton(type));
    }

    private static Optional<String> clipboard() throws Exception {
        return Fx.call(() -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasString() ? Optional.ofNullable(clipboard.getString()) : Optional.<String>empty();
        });
    }

    private static String ist(Instant time) {
        return TimeText.near(time, Instant.now(), TokenExpiry.IST, "IST");
    }
}
