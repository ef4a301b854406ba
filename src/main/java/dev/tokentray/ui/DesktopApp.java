package dev.tokentray.ui;

import dev.tokentray.cli.AppStart;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.Logging;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.status.StatusView;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.ui.tray.AwtTray;
import dev.tokentray.ui.tray.TrayMenu;
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
import java.util.Objects;
import java.util.Optional;
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
 * runs on its own thread; everything here runs on the FX thread, and keychain work never does.
 */
final class DesktopApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    static final String KEYCHAIN_SERVICE = "upstox-token-tray";

    private final AppStart start;
    private final Clock clock;
    private final ThreadScheduler scheduler;
    private final ProfileRenewal renewal;
    private final RenewalService service;
    private final Optional<UpstoxSimulator> demo;
    private final Duration expiringWithin;
    private final StatusWindow window;
    private final ClipboardGuard clipboard = new ClipboardGuard(Clipboard.getSystemClipboard());
    private final Timeline trayClock;
    private Optional<AwtTray> tray = Optional.empty();
    private volatile UiSettings uiSettings;
    private RenewalState state;

    /**
     * What the app is built from; {@link #start} takes it from the machine, tests give their own
     * (a simulator's hosts, a test keychain service, throwaway folders).
     */
    record Wiring(AppStart start, Clock clock, AppDirs dirs, UpstoxHosts hosts, SecretStore keychain,
            Optional<UpstoxSimulator> demo) {}

    private DesktopApp(Wiring wiring, Stage stage) {
        this.start = wiring.start();
        this.clock = wiring.clock();
        this.demo = wiring.demo();
        this.expiringWithin = demo.isPresent() ? DemoMode.EXPIRING_WITHIN : TokenState.EXPIRING_WITHIN;
        SettingsFile settingsFile = SettingsFile.in(wiring.dirs());
        RenewalSettings saved = RenewalSettings.fromJson(settingsFile.section(RenewalSettings.SECTION));
        RenewalSettings renewalSettings = demo.isPresent() ? DemoMode.settings(saved) : saved;
        this.uiSettings = UiSettings.fromJson(settingsFile.section(UiSettings.SECTION));
        ProfileVault vault = new ProfileVault(wiring.keychain(), start.profile());
        this.renewal = ProfileRenewal.of(vault, new UpstoxLoginClient(wiring.hosts(), LoginTimeouts.DEFAULT, clock),
                wiring.dirs().state(), () -> renewalSettings, clock);
        this.scheduler = new ThreadScheduler();
        this.service = renewal.service(scheduler, System::nanoTime);
        this.window = new StatusWindow(stage, new WindowActions(), clock, ZoneId.systemDefault(), expiringWithin,
                demo.isPresent());
        // The tooltip says the minutes left: a minute's tick, cheap, and only for the tray.
        this.trayClock = new Timeline(new KeyFrame(javafx.util.Duration.minutes(1), event -> showState()));
        trayClock.setCycleCount(Animation.INDEFINITE);
    }

    /** Wires the app from this machine and starts it. */
    static DesktopApp start(AppStart start, Stage stage) throws Exception {
        Clock clock = Clock.systemUTC();
        AppDirs dirs = AppDirs.forCurrentUser().create();
        Logging.toFile(dirs.logs(), Logging.Echo.NONE);
        Optional<UpstoxSimulator> demo = start.demo() ? Optional.of(DemoMode.startSimulator(clock)) : Optional.empty();
        UpstoxHosts hosts = demo.map(UpstoxSimulator::hosts).orElseGet(() -> UpstoxHosts.fromEnvironment(System.getenv()));
        return start(new Wiring(start, clock, dirs, hosts, new KeyringSecretStore(KEYCHAIN_SERVICE), demo), stage);
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
            window.say("This desktop has no system tray (on GNOME, the AppIndicator extension adds one), so"
                    + " the app stays in this window. Closing it minimises it; Quit ends the app.");
            stage.setOnCloseRequest(event -> {
                event.consume();
                stage.setIconified(true);
            });
        }
        if (tray.isEmpty() || !start.hidden()) {
            stage.show();
        }
        service.addListener(new ServiceListener());
        demo.ifPresent(simulator -> scheduler.schedule(Duration.ZERO, () -> {
            try {
                DemoMode.storeAccount(renewal.renewer().vault(), simulator);
            } catch (Exception e) {
                LOG.warn("Could not store the demo account: {}", e.getMessage());
            }
        }));
        service.start();
    }

    /** Hears the service on its thread: reads the history there, then shows on the FX thread. */
    private final class ServiceListener implements RenewalListener {
        private Optional<Attempt> historyRead = Optional.empty();
        private HistoryStats stats = HistoryStats.of(List.of());
        private List<Attempt> attempts = List.of();

        @Override
        public void stateChanged(RenewalState next) {
            if (attempts.isEmpty() || !Objects.equals(next.lastAttempt(), historyRead)) {
                attempts = renewal.history().attempts(next.profile().name());
                stats = HistoryStats.of(attempts);
                historyRead = next.lastAttempt();
            }
            HistoryStats currentStats = stats;
            List<Attempt> currentAttempts = attempts;
            Platform.runLater(() -> show(next, currentStats, currentAttempts));
        }

        @Override
        public void event(RenewalEvent event) {
            Platform.runLater(() -> LOG.info("Renewal event: {}", event.getClass().getSimpleName()));
        }
    }

    private void show(RenewalState next, HistoryStats stats, List<Attempt> attempts) {
        state = next;
        window.update(next, stats, attempts);
        showState();
    }

    private void showState() {
        if (state == null) {
            return;
        }
        StatusView view = StatusView.of(state, HistoryStats.of(List.of()), clock.instant(), ZoneId.systemDefault(),
                expiringWithin);
        tray.ifPresent(t -> t.show(view.look(), title() + ": " + view.tooltip(), TrayMenu.of(state, Optional.empty())));
    }

    private String title() {
        return demo.isPresent() ? "Upstox Token Tray (demo)" : "Upstox Token Tray";
    }

    private void act(TrayMenu.Action action) {
        switch (action) {
            case COPY_TOKEN -> copyToken();
            case RENEW_NOW -> service.renewNow(false);
            case OPEN -> openWindow();
            case SETTINGS -> openSettings();
            case START_AT_LOGIN -> LOG.info("Start at login is not wired yet");
            case QUIT -> Platform.exit();
        }
    }

    private void openWindow() {
        Stage stage = window.stage();
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    private void copyToken() {
        if (state == null || !state.tokenState().usable()) {
            window.say("There is no valid token to copy.");
            return;
        }
        window.say(clipboard.copy(state.token().orElseThrow().value(), uiSettings.clipboardClear()));
    }

    private void openSettings() {
        openWindow();
    }

    private void retryRejected() {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Upstox rejected these credentials. Each wrong PIN or TOTP counts towards Upstox's lock after five"
                        + " tries. Try the same credentials once more?", ButtonType.CANCEL, ButtonType.OK);
        confirm.setTitle("Retry rejected credentials");
        confirm.setHeaderText("Log in again with the same credentials?");
        confirm.initOwner(window.stage());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> service.renewNow(true));
    }

    private final class WindowActions implements StatusWindow.Actions {
        @Override
        public void copyToken() {
            DesktopApp.this.copyToken();
        }

        @Override
        public void renewNow() {
            service.renewNow(false);
        }

        @Override
        public void openSettings() {
            DesktopApp.this.openSettings();
        }

        @Override
        public void editCredentials() {
            DesktopApp.this.openSettings();
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
        demo.ifPresent(UpstoxSimulator::close);
    }
}
