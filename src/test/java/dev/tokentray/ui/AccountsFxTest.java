package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.accounts.AccountList;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.ui.AppUnderTest.TestAccount;
import dev.tokentray.ui.setup.FieldHelp;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * Several accounts in the real app's status window, on the test run's display with real clicks and
 * key presses, against a simulator that serves them all over HTTP and the real keychain: add one
 * through the setup window, copy the second one's token, remove one, reach every row by keyboard.
 */
class AccountsFxTest extends RealAppFxTest {
    private static final List<SimulatedAccount> FAMILY = List.of(SimulatedAccount.numbered(1),
            SimulatedAccount.numbered(2), SimulatedAccount.numbered(3));

    private AppUnderTest family(TestAccount... accounts) {
        return AppUnderTest.in(folder).simulator(AppUnderTest.simulatorDefaults().withAccounts(FAMILY)).accounts(accounts);
    }

    private static TestAccount account(String label, int number) {
        return new TestAccount(label, Optional.of(FAMILY.get(number - 1).credentials()));
    }

    @Test
    void copyPutsTheTokenOfTheAccountOfItsRowOnTheClipboard() throws Exception {
        app = family(account("", 1), account("Priya HUF", 2), account("Ravi", 3)).start();
        awaitValid(3);

        robot.clickOn("#" + app.row("copy", 1));

        String second = app.token(1).value().reveal();
        assertThat(Fx.call(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(second);
        assertThat(second).isNotEqualTo(app.token(0).value().reveal());
        assertThat(app.text("message")).isEqualTo("Priya HUF: Copied. Clipboard clears in 60 s.");
        assertThat(app.text(app.row("name", 1))).isEqualTo("Priya HUF");
        assertThat(app.text(app.row("user", 1))).isEqualTo("Priya Sharma (SIM002)");
        assertThat(app.text(app.row("name", 0))).as("no label: the Upstox name").isEqualTo("Simulated Trader");
        assertThat(app.text("summary")).isEqualTo("3 accounts: 3 valid");

        Screenshots.inBothThemes(app.scene(), "status-accounts");
    }

    @Test
    void addAccountAsksForItsLabelThenRunsTheSetupWindowAndTheNewAccountRenewsOnItsOwn() throws Exception {
        app = family(account("", 1)).start();
        app.awaitLook(Look.VALID);

        robot.clickOn("#add-account");
        Stage label = AppUnderTest.awaitWindow("Add account – Upstox Token Tray");
        robot.clickOn(lookup(label, "#account-label")).write("Priya HUF").type(KeyCode.ENTER);
        Stage setup = AppUnderTest.awaitWindow("Add Priya HUF – Upstox Token Tray");
        UpstoxCredentials priya = FAMILY.get(1).credentials();
        for (Map.Entry<CredentialField, String> field : priya.toFields().entrySet()) {
            robot.clickOn(lookup(setup, "#" + FieldHelp.nodeId(field.getKey()))).write(field.getValue());
        }
        robot.clickOn(lookup(setup, "#testAndSave"));
        Poll.until("the test login to succeed", WAIT, () -> text(setup, "#testAndSave").equals("Done"));
        assertThat(text(setup, "#result")).startsWith("Logged in as Priya Sharma (SIM002).");
        robot.clickOn(lookup(setup, "#testAndSave"));

        Profile added = new Profile("priya-huf");
        Poll.until("the new account's row", WAIT, () -> app.profiles().contains(added));
        assertThat(app.profiles()).containsExactly(app.profile(), added);
        ProfileVault vault = new ProfileVault(new KeyringSecretStore(AppUnderTest.KEYCHAIN_SERVICE), added);
        assertThat(vault.credentials()).hasValueSatisfying(c -> assertThat(c).isEqualTo(priya));
        assertThat(new AccountList(SettingsFile.in(app.dirs())).find(added)).hasValueSatisfying(
                account -> assertThat(account.label()).isEqualTo("Priya HUF"));
        Poll.until("the new account's state", WAIT, () -> shown("state-priya-huf")
                && app.text("state-priya-huf").equals("Token valid"));
        assertThat(app.simulator().counters().count(Event.TOKENS_ISSUED, FAMILY.get(1)))
                .as("the test login's token, and no second login").isEqualTo(1);
        assertThat(app.text("detail-name")).as("the new account is selected").isEqualTo("PRIYA HUF");
    }

    @Test
    void removeAsksNamingTheAccountThenForgetsItsKeychainEntriesAndItsRowGoes() throws Exception {
        app = family(account("", 1), account("Priya HUF", 2)).start();
        awaitValid(2);

        openMenuItem(1, "remove");
        Stage confirm = AppUnderTest.awaitWindow("Remove account – Upstox Token Tray");
        assertThat(Fx.call(() -> confirm.getScene().getRoot().lookupAll(".label").stream()
                .map(n -> ((Labeled) n).getText()).toList())).anyMatch(text -> text.contains("Remove the account Priya HUF?"));
        robot.clickOn(lookup(confirm, "#keep-account"));
        assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> app.profiles().size() == 2)).isTrue();

        openMenuItem(1, "remove");
        Stage again = AppUnderTest.awaitWindow("Remove account – Upstox Token Tray");
        robot.clickOn(lookup(again, "#confirm-remove"));

        Poll.until("the row to go", WAIT, () -> app.profiles().size() == 1 && !exists(app.row("account", 1)));
        assertThat(app.vault(1).credentials()).isEmpty();
        assertThat(app.vault(1).token()).isEmpty();
        assertThat(app.vault(0).token()).as("the other account's token stays").isPresent();
        assertThat(new AccountList(SettingsFile.in(app.dirs())).profiles()).containsExactly(app.profile());
        Poll.until("the window to say so", WAIT, () -> app.text("message").startsWith("Removed Priya HUF"));
    }

    @Test
    void everyRowAndActionIsReachedByKeyboardAndNamedForScreenReaders() throws Exception {
        app = family(account("Own", 1), account("Priya HUF", 2), account("Ravi", 3)).start();
        awaitValid(3);

        for (int i = 0; i < 3; i++) {
            for (String part : List.of("select", "copy", "renew", "more")) {
                String id = app.row(part, i);
                Node node = Fx.call(() -> app.scene().lookup("#" + id));
                assertThat(Fx.call(node::isFocusTraversable)).as(id + " is reached by Tab").isTrue();
                assertThat(Fx.call(node::getAccessibleText)).as(id + " is named").isNotBlank();
            }
        }
        assertThat(Fx.call(() -> app.scene().lookup("#" + app.row("select", 1)).getAccessibleText()))
                .isEqualTo("Priya HUF, Priya Sharma (SIM002), Token valid, " + app.text(app.row("time-left", 1)));

        Fx.run(() -> app.scene().lookup("#" + app.row("select", 0)).requestFocus());
        robot.type(KeyCode.DOWN);
        Poll.until("Down to select the next account", WAIT, () -> app.text("detail-name").equals("PRIYA HUF"));
        assertThat(Fx.call(() -> app.scene().getFocusOwner().getId())).isEqualTo(app.row("select", 1));
        robot.type(KeyCode.TAB);
        assertThat(Fx.call(() -> app.scene().getFocusOwner().getId())).isEqualTo(app.row("copy", 1));
        robot.type(KeyCode.SPACE);
        assertThat(Fx.call(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(app.token(1).value().reveal());
    }

    @Test
    void settingsShowTheRenewalOfTheSelectedAccountAndSaveEachAccountsOwn() throws Exception {
        app = family(account("", 1), account("Priya HUF", 2)).start();
        awaitValid(2);
        robot.clickOn("#" + app.row("select", 1));
        Poll.until("the second account to be selected", WAIT, () -> app.text("detail-name").equals("PRIYA HUF"));

        robot.clickOn(Fx.call(() -> app.scene().getRoot().lookupAll(".button").stream()
                .filter(b -> "_Settings…".equals(((ButtonBase) b).getText())).findFirst().orElseThrow()));
        Stage settings = AppUnderTest.awaitWindow("Settings – Upstox Token Tray");
        @SuppressWarnings("unchecked")
        ComboBox<Profile> chosen = (ComboBox<Profile>) lookup(settings, "#renewalAccount");
        assertThat(Fx.call(() -> chosen.getConverter().toString(chosen.getValue()))).isEqualTo("Priya HUF");
        assertThat(Fx.call(chosen::isVisible)).as("two accounts to choose from").isTrue();
        TextInputControl readyBy = (TextInputControl) lookup(settings, "#readyBy");
        Fx.run(() -> readyBy.setText("09:05"));
        Screenshots.inBothThemes(settings.getScene(), "settings-accounts");
        Fx.run(() -> chosen.setValue(app.profile()));
        assertThat(text(settings, "#readyBy")).as("the first account's own").isEqualTo("08:45");
        robot.clickOn(lookup(settings, "#save"));
        Poll.until("the settings to close", WAIT, () -> !Fx.call(settings::isShowing));

        AccountList saved = new AccountList(SettingsFile.in(app.dirs()));
        assertThat(saved.find(app.vault(1).profile()).orElseThrow().renewal().readyBy()).hasToString("09:05");
        assertThat(saved.find(app.profile()).orElseThrow().renewal().readyBy()).hasToString("08:45");
    }

    // ---- helpers ----

    /** Until the first {@code accounts} have a valid token: their logins run one after another. */
    private void awaitValid(int accounts) throws Exception {
        for (int i = 0; i < accounts; i++) {
            String id = app.row("state", i);
            Poll.until("the token of account " + (i + 1), WAIT, () -> exists(id) && app.text(id).equals("Token valid"));
        }
    }

    /** Opens the row's menu with a click and chooses the item (its id: {@code PART-PROFILE}). */
    private boolean exists(String id) throws Exception {
        return Fx.call(() -> app.scene().lookup("#" + id) != null);
    }

    private boolean shown(String id) throws Exception {
        return exists(id) && app.shows(id);
    }

    private static Node lookup(Stage stage, String selector) throws Exception {
        return Fx.call(() -> {
            Node node = stage.getScene().lookup(selector);
            if (node == null) {
                throw new AssertionError(stage.getTitle() + " has no " + selector);
            }
            return node;
        });
    }

    private static String text(Stage stage, String selector) throws Exception {
        Node node = lookup(stage, selector);
        return Fx.call(() -> node instanceof TextInputControl input ? input.getText()
                : node instanceof ButtonBase button ? button.getText() : ((Labeled) node).getText());
    }
}
