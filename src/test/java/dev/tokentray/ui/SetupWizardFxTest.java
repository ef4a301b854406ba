package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.setup.FieldHelp;
import dev.tokentray.ui.setup.SetupWizard;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * The setup wizard as the real app opens it on a first start (no credentials in the keychain),
 * typed into with real key presses; and the settings window. The file chooser of "Import from
 * .env…" is the desktop's own dialog, so the import goes through {@link SetupWizard#importDotEnv},
 * which the button calls with the file picked.
 */
class SetupWizardFxTest extends RealAppFxTest {
    private static final String SETUP_TITLE = "Set up – Upstox Token Tray";

    @Test
    void wrongValuesShowTheirProblemOnceTheFieldIsLeftAndTestAndSaveSendsNothingUntilTheyAreRight() throws Exception {
        app = AppUnderTest.in(folder).storedCredentials(Optional.empty()).start();
        Stage wizard = AppUnderTest.awaitWindow(SETUP_TITLE);

        robot.clickOn("#mobile").write("12345");
        assertThat(showing(wizard, "#mobile-problem")).as("no problem while the first characters are typed").isFalse();
        robot.clickOn("#pin").write("12a");
        assertThat(text(wizard, "#mobile-problem")).isEqualTo(problem(CredentialField.MOBILE, "12345"))
                .contains("10-digit mobile number");
        assertThat(showing(wizard, "#mobile-problem")).isTrue();
        assertThat(showing(wizard, "#mobile-help")).as("the help steps aside for the problem").isFalse();

        robot.clickOn("#totpSecret").write("not base32!");
        robot.clickOn("#clientId");
        assertThat(text(wizard, "#pin-problem")).isEqualTo("The Upstox PIN has exactly 6 digits.");
        assertThat(text(wizard, "#totpSecret-problem")).isEqualTo(problem(CredentialField.TOTP_SECRET, "not base32!"));
        assertThat(showing(wizard, "#totpBox .totp-code")).as("no TOTP code for a wrong secret").isFalse();
        assertThat(showing(wizard, "#clientId-problem")).as("an empty field is not wrong before a test").isFalse();

        robot.clickOn("#testAndSave");
        assertThat(text(wizard, "#result")).isEqualTo("Correct the marked fields, then test again.");
        for (CredentialField empty : new CredentialField[] {CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET,
                CredentialField.REDIRECT_URI}) {
            assertThat(text(wizard, "#" + id(empty) + "-problem")).isEqualTo(empty.label() + " is missing.");
        }
        assertThat(Fx.call(() -> wizard.getScene().getFocusOwner().getId())).as("the focus goes to the first problem")
                .isEqualTo("mobile");
        assertThat(text(wizard, "#testAndSave")).isEqualTo("Test and _save");
        assertThat(app.simulator().counters().requests(LoginStep.DIALOG)).as("nothing reached Upstox").isZero();
        Screenshots.inBothThemes(wizard.getScene(), "setup-wizard");

        // Typing the right value clears the problem at once.
        Fx.run(() -> ((TextInputControl) wizard.getScene().lookup("#mobile")).clear());
        robot.clickOn("#mobile").write(SimulatedAccount.DEFAULT_MOBILE);
        assertThat(showing(wizard, "#mobile-problem")).isFalse();
    }

    @Test
    void importFromDotEnvFillsTheFieldsAndTestAndSaveLogsInOnceWithProgressThenSaves() throws Exception {
        app = AppUnderTest.in(folder).storedCredentials(Optional.empty()).start();
        Stage wizard = AppUnderTest.awaitWindow(SETUP_TITLE);
        SetupWizard setup = Fx.call(() -> SetupWizard.of(wizard).orElseThrow());

        Path partial = Files.writeString(folder.resolve("partial.env"), """
                # only two of the six, one of them wrong
                UPSTOX_USERNAME=9876543210
                UPSTOX_PIN_CODE=12
                """);
        Fx.run(() -> setup.importDotEnv(partial));
        assertThat(text(wizard, "#importNotice")).isEqualTo("Imported 2 of 6 values from partial.env; enter the other 4"
                + " by hand. Some need correcting: see the marked fields.");
        assertThat(text(wizard, "#pin-problem")).isEqualTo("The Upstox PIN has exactly 6 digits.");
        assertThat(Fx.call(() -> wizard.getScene().getFocusOwner().getId())).isEqualTo("pin");

        Path env = Files.writeString(folder.resolve(".env"), """
                # as the upstox-totp SDK reads it
                export UPSTOX_USERNAME=%s
                UPSTOX_PIN_CODE="%s"
                UPSTOX_TOTP_SECRET='%s'
                UPSTOX_CLIENT_ID=%s   # the API key
                UPSTOX_CLIENT_SECRET=%s
                UPSTOX_REDIRECT_URI=%s
                OTHER_VARIABLE=ignored
                """.formatted(SimulatedAccount.DEFAULT_MOBILE, SimulatedAccount.DEFAULT_PIN,
                SimulatedAccount.DEFAULT_TOTP_SECRET, SimulatedAccount.DEFAULT_CLIENT_ID,
                SimulatedAccount.DEFAULT_CLIENT_SECRET, SimulatedAccount.DEFAULT_REDIRECT_URI));
        Fx.run(() -> setup.importDotEnv(env));
        assertThat(text(wizard, "#importNotice")).isEqualTo("Imported all 6 values from .env. Check them, then test and save.");
        assertThat(inputText(wizard, "#mobile")).isEqualTo(SimulatedAccount.DEFAULT_MOBILE);
        assertThat(inputText(wizard, "#clientId")).isEqualTo(SimulatedAccount.DEFAULT_CLIENT_ID);
        assertThat(inputText(wizard, "#redirectUri")).isEqualTo(SimulatedAccount.DEFAULT_REDIRECT_URI);
        for (CredentialField field : CredentialField.values()) {
            assertThat(showing(wizard, "#" + id(field) + "-problem")).as(field.label()).isFalse();
        }
        assertThat(text(wizard, "#totpCode")).matches("\\d{3} \\d{3}");
        // The redirect URI says what it means for the login with the browser: nothing to say for a loopback one.
        assertThat(showing(wizard, "#redirectUri-browser-hint")).isFalse();
        Fx.run(() -> ((TextField) node(wizard, "#redirectUri")).setText("https://example.com/upstox"));
        assertThat(showing(wizard, "#redirectUri-browser-hint")).isTrue();
        assertThat(text(wizard, "#redirectUri-browser-hint")).contains("paste the address the browser ends on");
        Fx.run(() -> ((TextField) node(wizard, "#redirectUri")).setText(SimulatedAccount.DEFAULT_REDIRECT_URI));
        assertThat(showing(wizard, "#redirectUri-browser-hint")).isFalse();

        app.simulator().faults().inject(FaultRule.next(1, LoginStep.OTP_VERIFY, new Fault.Delay(Duration.ofSeconds(3))));
        robot.clickOn("#testAndSave");
        Poll.until("step 3 of the test login", WAIT, () -> text(wizard, "#progressText").equals("Step 3 of 6: verify the TOTP code"));
        assertThat(Fx.call(() -> wizard.getScene().lookup("#testAndSave").isDisabled())).as("no second test meanwhile").isTrue();
        assertThat(text(wizard, "#testAndSave")).isEqualTo("Testing…");
        assertThat(Fx.call(() -> wizard.getScene().lookup("#mobile").isDisabled())).isTrue();
        Screenshots.inBothThemes(wizard.getScene(), "setup-wizard-testing");

        Poll.until("the test login to succeed", WAIT, () -> text(wizard, "#testAndSave").equals("Done"));
        assertThat(text(wizard, "#result")).startsWith("Logged in as Simulated Trader (SIM001). The token is valid until ")
                .endsWith("Your login is saved in this computer's keychain.");
        assertThat(app.simulator().counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);
        assertThat(app.vault().credentials()).contains(app.simulator().account().credentials());
        app.awaitLook(Look.VALID);

        robot.clickOn("#testAndSave");
        Poll.until("Done to close the wizard", WAIT, () -> !Fx.call(wizard::isShowing));
    }

    @Test
    void settingsShowTheSavedClipboardTimeAndTheirOwnTheme() throws Exception {
        app = AppUnderTest.in(folder).clipboardClearsAfter(Duration.ofSeconds(2)).start();
        app.awaitLook(Look.VALID);

        robot.clickOn(Fx.call(() -> (Button) app.scene().getRoot().lookupAll(".button").stream()
                .filter(b -> "_Settings…".equals(((Button) b).getText())).findFirst().orElseThrow()));
        Stage settings = AppUnderTest.awaitWindow("Settings – Upstox Token Tray");
        assertThat(Fx.call(() -> String.valueOf(((ComboBox<?>) settings.getScene().lookup("#clipboardClear")).getValue())))
                .isEqualTo("After 2 seconds");
        assertThat(showing(settings, "#startAtLogin")).as("offered: the autostart folder can be written").isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<Theme> theme = (ComboBox<Theme>) settings.getScene().lookup("#theme");
        Screenshots.inBothThemes(settings.getScene(), "settings", theme::setValue);
    }

    private static String problem(CredentialField field, String value) {
        return field.problem(value).orElseThrow();
    }

    private static String id(CredentialField field) {
        return FieldHelp.nodeId(field);
    }

    private static Node node(Stage window, String selector) {
        Node node = window.getScene().lookup(selector);
        if (node == null) {
            throw new AssertionError(window.getTitle() + " has no " + selector);
        }
        return node;
    }

    private static String text(Stage window, String selector) throws Exception {
        return Fx.call(() -> ((Labeled) node(window, selector)).getText());
    }

    private static String inputText(Stage window, String selector) throws Exception {
        return Fx.call(() -> ((TextInputControl) node(window, selector)).getText());
    }

    /** Shown: visible itself and all its parents. */
    private static boolean showing(Stage window, String selector) throws Exception {
        return Fx.call(() -> {
            for (Node n = node(window, selector); n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }
}
