package dev.tokentray.ui;

import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.browser.BrowserLoginModel;
import dev.tokentray.ui.browser.BrowserLoginSteps;
import dev.tokentray.ui.browser.BrowserLoginWindow;
import dev.tokentray.ui.settings.AppSettings;
import dev.tokentray.ui.settings.ForgetCredentials;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.SettingsModel;
import dev.tokentray.ui.settings.SettingsWindow;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.setup.CredentialTest;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.setup.SetupModel;
import dev.tokentray.ui.setup.SetupStart;
import dev.tokentray.ui.setup.SetupWizard;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.upstox.LoopbackListener;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;

/**
 * The app's windows, made when first needed: the status window, the settings, the setup wizard,
 * the browser login, the retry confirmation, and the clipboard. FX thread only; {@link DesktopApp} hands work over.
 */
final class AppWindows {

    /** What the windows need from the app. */
    record Context(
            Clock clock,
            Duration expiringWithin,
            boolean demo,
            boolean trayShown,
            Supplier<UiSettings> ui,
            SettingsFile settingsFile,
            StartAtLoginSwitch startAtLogin,
            Consumer<AppSettings> settingsChanged,
            ForgetCredentials forget,
            CredentialTest credentialTest,
            Runnable credentialsSaved,
            Executor background,
            StatusWindow.Actions actions,
            BrowserLoginSteps browserLogin,
            Executor browserWaits) {}

    private final Context context;
    private final StatusWindow status;
    private final ClipboardGuard clipboard = new ClipboardGuard(Clipboard.getSystemClipboard());
    private Optional<BrowserLoginWindow> browserLogin = Optional.empty();

    AppWindows(Context context) {
        this.context = context;
        this.status = new StatusWindow(new Stage(), context.actions(), context.clock(), ZoneId.systemDefault(),
                context.expiringWithin(), context.ui().get().theme(), context.demo());
        Stage stage = status.stage();
        if (context.trayShown()) {
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

    void show(RenewalState state, HistoryStats stats, List<Attempt> attempts) {
        status.update(state, stats, attempts);
    }

    void openStatus() {
        Stage stage = status.stage();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    void say(Notice notice) {
        status.say(notice);
    }

    void copyToken(RenewalState state) {
        if (!TokenState.of(state.token(), context.clock().instant()).usable()) {
            status.say(Notice.error("There is no valid token to copy."));
            return;
        }
        status.say(Notice.success(clipboard.copy(state.token().orElseThrow().value(), context.ui().get().clipboardClear())));
    }

    /** The app quits: the token does not stay behind on the clipboard. */
    void quitting() {
        clipboard.quitting();
    }

    void openSettings() {
        SettingsModel model = new SettingsModel(context.settingsFile(), context.startAtLogin(), context.settingsChanged(),
                context.forget(), context.background(), Platform::runLater);
        SettingsWindow settings = new SettingsWindow(model, context.actions()::editCredentials, owner());
        if (context.demo()) {
            settings.showDemoBadge();
        }
        settings.show();
    }

    void openSetup(SetupStart start) {
        SetupModel model = new SetupModel(start, context.clock(), context.credentialTest(), context.background(),
                Platform::runLater);
        model.setOnSaved(saved -> context.credentialsSaved().run());
        SetupWizard wizard = new SetupWizard(model, context.ui().get().theme(), owner());
        if (context.demo()) {
            wizard.showDemoBadge();
        }
        wizard.show();
    }

    /** The browser login's window: the one open, or a new login. */
    void openBrowserLogin() {
        if (browserLogin.filter(window -> window.stage().isShowing()).isPresent()) {
            browserLogin.get().toFront();
            return;
        }
        BrowserLoginModel model = new BrowserLoginModel(context.browserLogin(), context.clock(),
                LoopbackListener.DEFAULT_TIMEOUT, context.browserWaits(), Platform::runLater);
        BrowserLoginWindow window = new BrowserLoginWindow(model, context.ui().get().theme());
        if (context.demo()) {
            window.showDemoBadge();
        }
        browserLogin = Optional.of(window);
        window.show();
    }

    /**
     * Asks before sending credentials Upstox rejected once more: each wrong try counts towards the
     * lock. {@code why} is the rejection the trader is shown, and the one the retry confirms.
     */
    void confirmRetry(String why, Runnable retry) {
        Alert confirm = WindowParts.riskyConfirmation("Retry rejected credentials", "Log in again with the same"
                + " credentials?", why + "\n\nEach wrong PIN or TOTP counts towards Upstox's lock after five tries. Try"
                + " the same credentials once more?", "Retry once");
        confirm.initOwner(status.stage());
        Themes.apply(confirm, context.ui().get().theme());
        if (WindowParts.wentAhead(confirm)) {
            retry.run();
        }
    }

    private Stage owner() {
        return status.stage().isShowing() ? status.stage() : null;
    }
}
