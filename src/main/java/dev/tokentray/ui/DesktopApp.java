package dev.tokentray.ui;

import dev.tokentray.cli.AppStart;
import dev.tokentray.platform.AppCommand;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.platform.StartAtLogin;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.notify.FreedesktopNotifier;
import dev.tokentray.ui.notify.InAppNotifier;
import dev.tokentray.ui.notify.Notifications;
import dev.tokentray.ui.notify.TrayBalloonNotifier;
import dev.tokentray.ui.settings.AppSettings;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.SettingsModel;
import dev.tokentray.ui.settings.SettingsWindow;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.setup.SetupModel;
import dev.tokentray.ui.setup.SetupWizard;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.status.StatusView;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.ui.tray.AwtTray;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray app's composition root and controller: wires the keychain, the renewal service, the
 * tray, the windows and the notifications by hand, and routes the trader's actions. The renewal
 * runs on its own thread and keychain work on a background one; everything here runs on the FX
 * thread.
 */
final class DesktopApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    static final String KEYCHAIN_SERVICE = "upstox-token-tray";

    /**
     * What the app is built from; {@link #start} takes it from the machine, tests give their own
     * (a simulator's hosts, a test keychain service, throwaway folders, no autostart).
     */
    record Wiring(AppStart start, Clock clock, AppDirs dirs, UpstoxHosts hosts, SecretStore keychain,
            StartAtLoginSwitch startAtLogin, Optional<UpstoxSimulator> demo) {}

    private final AppStart start;
    private final Clock clock;
    private final Optional<UpstoxSimulator> demo;
    private final Duration expiringWithin;
    private final SettingsFile settingsFile;
    private final StartAtLoginSwitch startAtLogin;
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("keychain-work").daemon().factory());
    private final ProfileRenewal renewal;
    private final RenewalService service;
    private final StatusWindow window;
    private final FreedesktopNotifier desktopNotifier;
    private final ClipboardGuard clipboard = new ClipboardGuard(Clipboard.getSystemClipboard());
    private final Timeline trayClock;
    private volatile RenewalSettings renewalSettings;
    private volatile UiSettings uiSettings;
    private Optional<AwtTray> tray = Optional.empty();
    private Optional<Boolean> startsAtLogin = Optional.empty();
    private RenewalState state;
    private boolean offeredSetup;

    private DesktopApp(Wiring wiring, Stage stage) {
        this.start = wiring.start();
        this.clock = wiring.clock();
        this.demo = wiring.demo();
        this.expiringWithin = demo.isPresent() ? DemoMode.EXPIRING_WITHIN : TokenState.EXPIRING_WITHIN;
        this.settingsFile = SettingsFile.in(wiring.dirs());
        this.startAtLogin = wiring.startAtLogin();
        applySettings(AppSettings.read(settingsFile));
        ProfileVault vault = new ProfileVault(wiring.keychain(), start.profile());
        this.renewal = ProfileRenewal.of(vault, new UpstoxLoginClient(wiring.hosts(), LoginTimeouts.DEFAULT, clock),
                wiring.dirs().state(), () -> renewalSettings, clock);
        this.service = renewal.service(scheduler, System::nanoTime);
        this.window = new StatusWindow(stage, new WindowActions(), clock, ZoneId.systemDefault(), expiringWithin,
                uiSettings.theme(), demo.isPresent());
        this.desktopNotifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(wiring.dirs().state()),
                () -> Platform.runLater(this::openWindow));
        // The tooltip says the minutes left: a minute's tick, cheap, and only for the tray.
        this.trayClock = new Timeline(new KeyFrame(javafx.util.Duration.minutes(1), event -> showState()));
        trayClock.setCycleCount(Animation.INDEFINITE);
    }

    /** Wires the app from this machine and starts it. */
    static DesktopApp start(AppStart start, AppDirs dirs, Stage stage) throws Exception {
        Clock clock = Clock.systemUTC();
        Optional<UpstoxSimulator> demo = start.demo() ? Optional.of(DemoMode.startSimulator(clock)) : Optional.empty();
        UpstoxHosts hosts = demo.map(UpstoxSimulator::hosts).orElseGet(() -> UpstoxHosts.fromEnvironment(System.getenv()));
        StartAtLoginSwitch autostart = StartAtLoginSwitch.of(StartAtLogin.forCurrentUser(), AppCommand.current());
        return start(new Wiring(start, clock, dirs, hosts, new KeyringSecretStore(KEYCHAIN_SERVICE), autostart, demo),
                stage);
    }

    /** Starts the app: the tray first, then the renewal, which reads the keychain on its own thread. */
    static DesktopApp start(Wiring wiring, Stage stage) {
        DesktopApp app = new DesktopApp(wiring, stage);
        app.run();
        return app;
    }

    private void run() {
        tray = AwtTray.install(Look.EXPIRED, title() + ": reading the keychain…",
                action -> Platform.runLater(() -> act(action)));
        Stage stage = window.stage();
        if (tray.isPresent()) {
            Platform.setImplicitExit(false);
            stage.setOnCloseRequest(event -> {
                event.consume();
                stage.hide();
            });
            trayClock.play();
        } else {
            LOG.warn("This desktop shows no tray icons: the app keeps a normal window");
            window.say(Notice.info("This desktop has no system tray (on GNOME, the AppIndicator extension adds one), so"
                    + " the app stays in this window. Closing it minimises it; Quit ends the app."));
            stage.setOnCloseRequest(event -> {
                event.consume();
                stage.setIconified(true);
            });
        }
        if (tray.isEmpty() || !start.hidden()) {
            stage.show();
        }
        Notifications notifications = new Notifications(
                Notifications.notifiersFor(System.getProperty("os.name"), () -> desktopNotifier,
                        () -> new TrayBalloonNotifier(() -> tray.map(AwtTray::icon)),
                        new InAppNotifier(() -> Platform.runLater(this::openWindow),
                                scene -> Themes.apply(scene, uiSettings.theme()))),
                () -> uiSettings, clock, scheduler, background,
                demo.isPresent() ? DemoMode.EXPIRY_WARNING : Notifications.EXPIRY_WARNING);
        service.addListener(notifications);
        service.addListener(new StateToScreen());
        background.execute(this::readStartAtLogin);
        demo.ifPresent(simulator -> scheduler.schedule(Duration.ZERO, () -> storeDemoAccount(simulator)));
        service.start();
    }

    /** Hears the service on its thread: reads the history there when it changed, then shows on the FX thread. */
    private final class StateToScreen implements RenewalListener {
        private Optional<Attempt> historyRead = Optional.empty();
        private List<Attempt> attempts;
        private HistoryStats stats;

        @Override
        public void stateChanged(RenewalState next) {
            if (attempts == null || !Objects.equals(next.lastAttempt(), historyRead)) {
                attempts = renewal.history().attempts(next.profile().name());
                stats = HistoryStats.of(attempts);
                historyRead = next.lastAttempt();
            }
            HistoryStats currentStats = stats;
            List<Attempt> currentAttempts = attempts;
            Platform.runLater(() -> show(next, currentStats, currentAttempts));
        }
    }

    private void show(RenewalState next, HistoryStats stats, List<Attempt> attempts) {
        state = next;
        window.update(next, stats, attempts);
        showState();
        if (!next.credentialsStored() && !offeredSetup && demo.isEmpty()) {
            offeredSetup = true; // the first start: the trader has not entered a login yet
            openSetup(Map.of());
        }
    }

    private void showState() {
        if (state == null) {
            return;
        }
        StatusView view = StatusView.of(state, HistoryStats.of(List.of()), clock.instant(), ZoneId.systemDefault(),
                expiringWithin);
        tray.ifPresent(t -> t.show(view.look(), title() + ": " + view.tooltip(),
                TrayMenu.of(state, clock.instant(), startsAtLogin)));
    }

    private String title() {
        return demo.isPresent() ? "Upstox Token Tray (demo)" : "Upstox Token Tray";
    }

    private void act(TrayMenu.Action action) {
        switch (action) {
            case COPY_TOKEN -> copyToken();
            case RENEW_NOW -> renewNow();
            case OPEN -> openWindow();
            case SETTINGS -> openSettings();
            case START_AT_LOGIN -> background.execute(this::toggleStartAtLogin);
            case QUIT -> Platform.exit();
        }
    }

    /**
     * A login now, by hand. Credentials Upstox rejected are not sent again this way (the policy
     * would refuse them, silently): the window says so, and offers the confirmed retry instead.
     */
    private void renewNow() {
        if (state != null && state.credentialsRejected()) {
            openWindow();
            window.say(Notice.info("Upstox rejected these credentials, so Renew now does not send them again: each"
                    + " wrong PIN or TOTP counts towards Upstox's lock after five tries. Correct them with Edit"
                    + " credentials…, or choose Retry these credentials… to try them once more."));
            return;
        }
        service.renewNow(false);
    }

    void openWindow() {
        Stage stage = window.stage();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    private void copyToken() {
        if (state == null || !TokenState.of(state.token(), clock.instant()).usable()) {
            window.say(Notice.error("There is no valid token to copy."));
            return;
        }
        window.say(clipboard.copy(state.token().orElseThrow().value(), uiSettings.clipboardClear()));
    }

    private void openSettings() {
        SettingsModel model = new SettingsModel(settingsFile, startAtLogin, this::settingsChanged, this::forgetCredentials,
                background, Platform::runLater);
        SettingsWindow settings = new SettingsWindow(model, this::editCredentials, window.stage());
        demo.ifPresent(simulator -> settings.showDemoBadge());
        settings.show();
    }

    private void settingsChanged(AppSettings saved) {
        applySettings(saved);
        service.replan();
        background.execute(this::readStartAtLogin);
    }

    private void applySettings(AppSettings saved) {
        renewalSettings = demo.isPresent() ? DemoMode.settings(saved.renewal()) : saved.renewal();
        uiSettings = saved.ui();
    }

    private void forgetCredentials() throws Exception {
        renewal.renewer().vault().forget();
        service.replan();
    }

    /** Opens the setup window with the stored credentials, read off the FX thread. */
    private void editCredentials() {
        background.execute(() -> {
            try {
                Map<CredentialField, String> stored = renewal.renewer().vault().credentials()
                        .map(saved -> saved.credentials().toFields()).orElse(Map.of());
                Platform.runLater(() -> openSetup(stored));
            } catch (Exception e) {
                Platform.runLater(() -> window.say(Notice.error(e.getMessage())));
            }
        });
    }

    private void openSetup(Map<CredentialField, String> fields) {
        SetupModel model = new SetupModel(fields, clock, renewal.renewer()::testAndSave, background, Platform::runLater);
        model.setOnSaved(saved -> service.replan());
        SetupWizard wizard = new SetupWizard(model, uiSettings.theme(), window.stage().isShowing() ? window.stage() : null);
        demo.ifPresent(simulator -> wizard.showDemoBadge());
        wizard.show();
    }

    private void retryRejected() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Upstox rejected these credentials. Each wrong PIN or TOTP counts towards Upstox's lock after five"
                        + " tries. Try the same credentials once more?", ButtonType.CANCEL, ButtonType.OK);
        confirm.setTitle("Retry rejected credentials");
        confirm.setHeaderText("Log in again with the same credentials?");
        confirm.initOwner(window.stage());
        Themes.apply(confirm, uiSettings.theme());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> service.renewNow(true));
    }

    /** On the background thread: the OS may answer slowly (Windows runs reg.exe). */
    private void readStartAtLogin() {
        Optional<Boolean> enabled = startAtLogin.supported() ? Optional.of(startAtLogin.enabled()) : Optional.empty();
        Platform.runLater(() -> {
            startsAtLogin = enabled;
            showState();
        });
    }

    private void toggleStartAtLogin() {
        try {
            startAtLogin.set(!startAtLogin.enabled());
        } catch (Exception e) {
            LOG.warn("Could not change start at login: {}", e.getMessage());
            Platform.runLater(() -> window.say(Notice.error("Could not change start at login: " + e.getMessage())));
        }
        readStartAtLogin();
    }

    private void storeDemoAccount(UpstoxSimulator simulator) {
        try {
            DemoMode.storeAccount(renewal.renewer().vault(), simulator);
        } catch (Exception e) {
            LOG.warn("Could not store the demo account: {}", e.getMessage());
        }
    }

    private final class WindowActions implements StatusWindow.Actions {
        @Override
        public void copyToken() {
            DesktopApp.this.copyToken();
        }

        @Override
        public void renewNow() {
            DesktopApp.this.renewNow();
        }

        @Override
        public void openSettings() {
            DesktopApp.this.openSettings();
        }

        @Override
        public void editCredentials() {
            DesktopApp.this.editCredentials();
        }

        @Override
        public void retryRejected() {
            DesktopApp.this.retryRejected();
        }

        @Override
        public void quit() {
            Platform.exit();
        }
    }

    @Override
    public void close() {
        trayClock.stop();
        tray.ifPresent(AwtTray::close);
        try {
            scheduler.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
        desktopNotifier.close(); // its D-Bus sender thread would keep the JVM alive
        demo.ifPresent(UpstoxSimulator::close);
    }
}
