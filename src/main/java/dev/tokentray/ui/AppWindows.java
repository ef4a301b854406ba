package dev.tokentray.ui;

import dev.tokentray.token.Secret;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.browser.BrowserLoginModel;
import dev.tokentray.ui.browser.BrowserLoginSteps;
import dev.tokentray.ui.browser.BrowserLoginWindow;
import dev.tokentray.ui.follow.FollowRedisDialog;
import dev.tokentray.ui.follow.FollowRedisForm;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.OutputsModel;
import dev.tokentray.ui.settings.OutputsPane;
import dev.tokentray.ui.settings.SettingsModel;
import dev.tokentray.ui.settings.SettingsWindow;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.setup.CredentialTest;
import dev.tokentray.ui.setup.SetupModel;
import dev.tokentray.ui.setup.SetupStart;
import dev.tokentray.ui.setup.SetupWizard;
import dev.tokentray.ui.status.AccountListModel;
import dev.tokentray.ui.status.HistoryWindow;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.upstox.LoopbackListener;
import dev.tokentray.vault.Profile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * The app's windows, made when first needed: the status window, the settings, the setup window,
 * the browser logins, an account's history, the questions before a retry or a removal, and the
 * clipboard. They show what they are given and hand the trader's choices to the actions. FX
 * thread only.
 */
final class AppWindows {
    private final AppMode mode;
    private final Clock clock;
    private final Supplier<UiSettings> ui;
    private final Function<Optional<Profile>, SettingsModel> settings;
    private final OutputsModel.Wiring outputs;
    private final Executor background;
    private final Executor browserWaits;
    private final StatusWindow status;
    private final ClipboardGuard clipboard = new ClipboardGuard(Clipboard.getSystemClipboard());
    private final Map<Profile, BrowserLoginWindow> browserLogins = new HashMap<>();

    /**
     * @param trayShown    whether there is a tray to hide the window in
     * @param settings     the settings window's model, its renewal settings showing the account given
     * @param outputs      the accounts' outputs, which the settings window shows for the account chosen there
     * @param background   where the setup window's test login runs
     * @param browserWaits where the browser logins wait for the browser, minutes long
     */
    AppWindows(AppMode mode, Clock clock, boolean trayShown, Supplier<UiSettings> ui, StatusWindow.Actions actions,
            Function<Optional<Profile>, SettingsModel> settings, OutputsModel.Wiring outputs, Executor background,
            Executor browserWaits) {
        this.mode = mode;
        this.clock = clock;
        this.ui = ui;
        this.settings = settings;
        this.outputs = outputs;
        this.background = background;
        this.browserWaits = browserWaits;
        this.status = new StatusWindow(new Stage(), actions, new AccountListModel(mode.expiringWithin(), ZoneId.systemDefault()),
                clock, ui.get().theme(), mode.title(), mode.badged());
        Stage stage = status.stage();
        if (trayShown) {
            stage.setOnCloseRequest(event -> {
                event.consume();
                stage.hide();
            });
        } else {
            status.say(Notice.info("This desktop has no system tray (on GNOME, the AppIndicator extension adds one),"
                    + " so the app stays in this window. Closing it minimises it; Quit ends the app."));
            stage.setOnCloseRequest(event -> {
                event.consume();
                stage.setIconified(true);
            });
        }
    }

    Stage statusStage() {
        return status.stage();
    }

    /** @param reading some accounts' state is not known yet */
    void show(List<AccountSnapshot> accounts, boolean reading) {
        status.update(accounts, reading);
    }

    void openStatus() {
        Stage stage = status.stage();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    /** Opens the status window on the account. */
    void openStatus(Profile account) {
        status.select(account);
        openStatus();
    }

    void say(Notice notice) {
        status.say(notice);
    }

    void copy(Secret token, String account, boolean several) {
        String copied = clipboard.copy(token, ui.get().clipboardClear());
        status.say(Notice.success(several ? account + ": " + copied : copied));
    }

    /** The app quits: the token does not stay behind on the clipboard. */
    void quitting() {
        clipboard.quitting();
    }

    /** @param names what the trader calls each account */
    void openSettings(Function<Profile, String> names) {
        SettingsModel model = settings.apply(status.selectedProfile());
        SettingsWindow window = new SettingsWindow(model, names, owner());
        OutputsModel accountOutputs = new OutputsModel(outputs, Path.of(System.getProperty("user.home")));
        accountOutputs.profileProperty().bind(model.accountProperty());
        window.addAccountSection("TOKEN FILES, HOOKS AND REDIS", new OutputsPane(accountOutputs, window.stage()).node());
        if (mode.badged()) {
            window.showDemoBadge();
        }
        window.show();
    }

    /**
     * The setup window, for a new account or an account's stored credentials.
     *
     * @param title  the window's title, when not its own
     * @param saved  runs once the test login worked and the credentials are saved
     */
    void openSetup(Optional<String> title, SetupStart start, CredentialTest test, Runnable saved) {
        SetupModel model = new SetupModel(start, clock, test, background, Platform::runLater);
        model.setOnSaved(renewal -> saved.run());
        SetupWizard wizard = new SetupWizard(model, ui.get().theme(), owner());
        if (mode.badged()) {
            wizard.showDemoBadge();
        }
        title.ifPresent(wizard.stage()::setTitle);
        wizard.show();
    }

    /** The account's browser login window: the one open, or a new login. */
    void openBrowserLogin(Profile account, Optional<String> name, BrowserLoginSteps steps) {
        BrowserLoginWindow open = browserLogins.get(account);
        if (open != null && open.stage().isShowing()) {
            open.toFront();
            return;
        }
        BrowserLoginModel model = new BrowserLoginModel(steps, clock, LoopbackListener.DEFAULT_TIMEOUT, browserWaits,
                Platform::runLater);
        BrowserLoginWindow window = new BrowserLoginWindow(model, ui.get().theme());
        if (mode.badged()) {
            window.showDemoBadge();
        }
        name.ifPresent(n -> window.stage().setTitle("Log in with the browser: " + n + " – Upstox Token Tray"));
        browserLogins.put(account, window);
        window.show();
    }

    void openHistory(AccountSnapshot account) {
        new HistoryWindow(account, ui.get().theme(), owner()).show();
    }

    /**
     * Asks before sending credentials Upstox rejected once more: each wrong try counts towards the
     * lock. {@code why} is the rejection the trader is shown, and the one the retry confirms.
     *
     * @param account the account's name, when the app has several
     */
    void confirmRetry(Optional<String> account, String why, Runnable retry) {
        confirmRetry("Log in again with the same credentials" + account.map(name -> " of " + name).orElse("") + "?",
                why, retry);
    }

    /**
     * Asks before sending an approval request with the API key and secret Upstox rejected: the
     * same question as for a login's retry, since a rejected value is never sent again unasked.
     */
    void confirmApprovalRetry(Optional<String> account, String why, Runnable retry) {
        confirmRetry("Send the approval request again with the same API key and secret"
                + account.map(name -> " of " + name).orElse("") + "?", why, retry);
    }

    private void confirmRetry(String question, String why, Runnable retry) {
        Alert confirm = WindowParts.riskyConfirmation("Retry rejected credentials", question, why + "\n\nEach wrong"
                + " PIN or TOTP counts towards Upstox's lock after five tries. Try the same credentials once more?",
                "Retry once");
        confirm.initOwner(status.stage());
        Themes.apply(confirm, ui.get().theme());
        if (WindowParts.wentAhead(confirm)) {
            retry.run();
        }
    }

    /** Asks before removing an account: it names it, and what goes with it. */
    void confirmRemove(String account, Runnable remove) {
        ButtonType forget = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", keep, forget);
        alert.initOwner(status.stage());
        alert.setTitle("Remove account – Upstox Token Tray");
        alert.setHeaderText("Remove the account " + account + "?");
        alert.setContentText("This removes the Upstox login of " + account + " (mobile number, PIN, TOTP secret, API"
                + " key, API secret and redirect URI) and its token from this computer's keychain. Its token is no"
                + " longer renewed, and scripts get no token for it.");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(480);
        Button removeButton = (Button) alert.getDialogPane().lookupButton(forget);
        removeButton.setId("confirm-remove");
        removeButton.getStyleClass().add("danger");
        removeButton.setDefaultButton(false); // Enter must not destroy anything
        Button keepButton = (Button) alert.getDialogPane().lookupButton(keep);
        keepButton.setId("keep-account");
        keepButton.setDefaultButton(true);
        Themes.apply(alert, ui.get().theme());
        alert.setOnShown(event -> keepButton.requestFocus());
        if (alert.showAndWait().filter(forget::equals).isPresent()) {
            remove.run();
        }
    }

    /**
     * Asks for an account's label.
     *
     * @return the label typed, when the trader gave one
     */
    Optional<String> askLabel(String title, String question, String current) {
        TextInputDialog dialog = new TextInputDialog(current);
        dialog.initOwner(status.stage().isShowing() ? status.stage() : null);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        dialog.setContentText("Label:");
        dialog.getEditor().setId("account-label");
        dialog.getEditor().setPromptText("Priya HUF");
        dialog.getEditor().setAccessibleText("The account's label");
        Themes.apply(dialog, ui.get().theme());
        return dialog.showAndWait().map(String::strip).filter(label -> !label.isEmpty());
    }

    /** What Add account brings: an account this computer logs in for, or one it follows in Redis. */
    sealed interface NewAccount {
        /** Logs in to Upstox here, once the setup window stored its credentials. */
        record LogIn(String label) implements NewAccount {}

        /** Follows a token another machine renews and puts in Redis. */
        record Follow(FollowRedisForm form) implements NewAccount {}
    }

    /**
     * Add account: a label, to log in to Upstox here; or "Follow a token in Redis…", which asks for
     * the Redis it is in ({@link FollowRedisDialog}).
     */
    Optional<NewAccount> askNewAccount() {
        TextInputDialog dialog = new TextInputDialog("");
        dialog.initOwner(owner());
        dialog.setTitle("Add account – Upstox Token Tray");
        dialog.setHeaderText("What do you call this account? (for example \"Priya HUF\")");
        dialog.setContentText("Label:");
        dialog.getEditor().setId("account-label");
        dialog.getEditor().setPromptText("Priya HUF");
        dialog.getEditor().setAccessibleText("The account's label");
        ButtonType follow = new ButtonType("Follow a token in Redis…", ButtonBar.ButtonData.LEFT);
        dialog.getDialogPane().getButtonTypes().add(follow);
        dialog.getDialogPane().lookupButton(follow).setId("follow-redis");
        AtomicBoolean following = new AtomicBoolean();
        dialog.setResultConverter(button -> {
            if (button == follow) {
                following.set(true);
                return ""; // a result, so that the dialog closes without asking its Cancel button
            }
            return button == ButtonType.OK ? dialog.getEditor().getText() : null;
        });
        Themes.apply(dialog, ui.get().theme());
        Optional<String> label = dialog.showAndWait().map(String::strip).filter(text -> !text.isEmpty());
        if (following.get()) {
            Dialog<FollowRedisForm> redis = FollowRedisDialog.of(Optional.ofNullable(owner()));
            Themes.apply(redis, ui.get().theme());
            return redis.showAndWait().map(NewAccount.Follow::new);
        }
        return label.map(NewAccount.LogIn::new);
    }

    private Stage owner() {
        return status.stage().isShowing() ? status.stage() : null;
    }
}
