package dev.tokentray.ui;

import dev.tokentray.cli.AppStart;
import dev.tokentray.follow.FollowedAccount;
import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.platform.AppCommand;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.platform.StartAtLogin;
import dev.tokentray.platform.UncaughtFailures;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.browser.RenewalBrowserSteps;
import dev.tokentray.ui.follow.Following;
import dev.tokentray.ui.fx.FxRuntime;
import dev.tokentray.ui.notify.FreedesktopNotifier;
import dev.tokentray.ui.notify.InAppNotifier;
import dev.tokentray.ui.notify.Notification;
import dev.tokentray.ui.notify.Notifications;
import dev.tokentray.ui.notify.TrayBalloonNotifier;
import dev.tokentray.ui.settings.AppSettings;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.OutputsModel;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.setup.SetupStart;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.status.StatusView;
import dev.tokentray.ui.status.StatusWindow;
import dev.tokentray.ui.tray.AwtTray;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.ui.tray.TrayView;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainService;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray app's composition root and controller: wires the keychain, the renewal service, the
 * tray, the notifications and the windows by hand, and routes the trader's actions.
 *
 * <p>The start path is the tray and the renewal only: AWT's tray icon, then the renewal reads the
 * keychain on its own thread and the tray shows the token's state. JavaFX starts only when a
 * window is needed (at once, unless the app starts hidden in the tray), so a tray app that sits in
 * the tray all day never loads it. Keychain work from the windows runs on a background thread.
 */
final class DesktopApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    private static final Duration TRAY_TICK = Duration.ofMinutes(1);

    /**
     * What the app is built from; {@link #start(AppStart, AppDirs)} takes it from the machine, tests
     * give their own (a simulator's hosts, a test keychain service, throwaway folders, no autostart).
     */
    record Wiring(AppStart start, Clock clock, AppDirs dirs, UpstoxHosts hosts, SecretStore keychain,
            StartAtLoginSwitch startAtLogin, BrowserOpener browser, Optional<UpstoxSimulator> demo) {}

    private final AppStart start;
    private final Clock clock;
    private final Optional<UpstoxSimulator> demo;
    private final Duration expiringWithin;
    private final SettingsFile settingsFile;
    private final StartAtLoginSwitch startAtLogin;
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("keychain-work").daemon().factory());
    /** The browser login's waits last minutes: threads of their own, never the keychain's or the FX thread. */
    private final ExecutorService browserWaits = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("browser-login-", 0).factory());
    private final FxRuntime fx = new FxRuntime(this::windowsCannotStart);
    private final ProfileRenewal renewal;
    private final RenewalService service;
    /** Present when the profile follows a token another machine renews into Redis: then the service never starts. */
    private final Optional<FollowedAccount> followed;
    private final FreedesktopNotifier desktopNotifier;
    private final OutputDispatcher outputs;
    private volatile Notifications notifications;
    private final BrowserOpener browser;
    private final CountDownLatch quit = new CountDownLatch(1);
    private final Path logs;
    private volatile Optional<Throwable> cannotShow = Optional.empty();
    private UncaughtFailures.Subscription uncaught = () -> {};
    private volatile RenewalSettings renewalSettings;
    private volatile UiSettings uiSettings;
    private volatile RenewalState state;
    private volatile Optional<Boolean> startsAtLogin = Optional.empty();
    private volatile Optional<AwtTray> tray = Optional.empty();
    private boolean trayChecked; // guarded by this: the tray was made, or found missing
    private boolean ready; // guarded by this: the start path's end is logged once
    private AppWindows windows; // FX thread only; made when first needed

    private DesktopApp(Wiring wiring) {
        this.start = wiring.start();
        this.clock = wiring.clock();
        this.demo = wiring.demo();
        this.expiringWithin = demo.isPresent() ? DemoMode.EXPIRING_WITHIN : TokenState.EXPIRING_WITHIN;
        this.settingsFile = SettingsFile.in(wiring.dirs());
        this.startAtLogin = wiring.startAtLogin();
        applySettings(AppSettings.read(settingsFile));
        ProfileVault vault = new ProfileVault(new ChangeMarks(wiring.dirs().state()).observing(wiring.keychain()),
                start.profile());
        this.renewal = ProfileRenewal.of(vault, new UpstoxLoginClient(wiring.hosts(), LoginTimeouts.DEFAULT, clock),
                wiring.dirs().state(), () -> renewalSettings, clock);
        this.service = renewal.service(scheduler, System::nanoTime);
        this.followed = Following.of(start.profile(), settingsFile, wiring.keychain(), wiring.dirs().state(), clock,
                scheduler);
        this.browser = wiring.browser();
        this.logs = wiring.dirs().logs();
        this.desktopNotifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(wiring.dirs().state()),
                this::notificationChosen);
        this.outputs = OutputDispatcher.of(settingsFile, wiring.keychain(), failure -> notifications.outputFailed(failure),
                scheduler, clock, System.getenv());
    }

    /** Wires the app from this machine and starts it. */
    static DesktopApp start(AppStart start, AppDirs dirs) throws Exception {
        Clock clock = Clock.systemUTC();
        Optional<UpstoxSimulator> demo = start.demo() ? Optional.of(DemoMode.startSimulator(clock)) : Optional.empty();
        UpstoxHosts hosts = demo.map(UpstoxSimulator::hosts).orElseGet(() -> UpstoxHosts.fromEnvironment(System.getenv()));
        StartAtLoginSwitch autostart = StartAtLoginSwitch.of(StartAtLogin.forCurrentUser(), AppCommand.current());
        SecretStore keychain = new KeyringSecretStore(KeychainService.of(System.getenv()));
        return start(new Wiring(start, clock, dirs, hosts, keychain, autostart,
                BrowserOpener.forThisComputer(System.getenv()), demo));
    }

    /** Starts the app: the tray first, then the renewal, which reads the keychain on its own thread. */
    static DesktopApp start(Wiring wiring) {
        DesktopApp app = new DesktopApp(wiring);
        app.run();
        return app;
    }

    private void run() {
        notifications = new Notifications(
                Notifications.notifiersFor(System.getProperty("os.name"), () -> desktopNotifier,
                        () -> new TrayBalloonNotifier(() -> tray.map(AwtTray::icon)),
                        new InAppNotifier(this::notificationChosen,
                                scene -> Themes.apply(scene, uiSettings.theme()), fx)),
                () -> uiSettings, clock, scheduler, background,
                demo.isPresent() ? DemoMode.EXPIRY_WARNING : Notifications.EXPIRY_WARNING);
        uncaught = UncaughtFailures.install()
                .listen(failure -> onFx(windows -> windows.say(WorkStopped.notice(failure, logs))));
        if (followed.isPresent()) {
            followed.get().addListener(new StateToScreen());
            followed.get().addListener(notifications);
            followed.get().start();
        } else {
            service.addListener(new StateToScreen());
            service.addListener(notifications);
            service.addListener(outputs.listener(start.profile()));
            demo.ifPresent(simulator -> scheduler.schedule(Duration.ZERO, () -> storeDemoAccount(simulator)));
            // The renewal reads the keychain on its own thread while AWT makes the tray icon here.
            service.start();
        }
        Optional<AwtTray> installed = AwtTray.install(
                new TrayView(Look.EXPIRED, title() + ": reading the keychain…", List.of()), this::act);
        if (installed.isEmpty()) {
            LOG.warn("This desktop shows no tray icons: the app keeps a normal window");
        }
        synchronized (this) {
            tray = installed;
            trayChecked = true;
        }
        showInTray();
        background.execute(this::readStartAtLogin);
        // The tooltip says the minutes left, and the look turns to expiring and expired with time.
        scheduler.every(TRAY_TICK, this::showInTray);
    }

    /** Returns when the trader quits: empty; or when nothing can show (JavaFX could not start, and there is no tray): why. */
    Optional<Throwable> awaitQuit() throws InterruptedException {
        quit.await();
        return cannotShow;
    }

    /** With a tray the app goes on, its windows closed for good; without one it can show nothing, and ends. */
    private void windowsCannotStart(Throwable failure) {
        if (tray.isPresent()) {
            LOG.error("The app's windows cannot open: JavaFX did not start ({})", failure.getClass().getName());
            return;
        }
        cannotShow = Optional.of(failure);
        close();
    }

    /** Hears the service on its thread: shows the state in the tray, and in the window once there is one. */
    private final class StateToScreen implements RenewalListener {
        private Optional<Attempt> historyRead = Optional.empty();
        private List<Attempt> attempts;
        private HistoryStats stats;

        @Override
        public void stateChanged(RenewalState next) {
            state = next;
            showInTray();
            if (attempts == null || !Objects.equals(next.lastAttempt(), historyRead)) {
                attempts = renewal.history().attempts(next.profile().name());
                stats = HistoryStats.of(attempts);
                historyRead = next.lastAttempt();
            }
            HistoryStats currentStats = stats;
            List<Attempt> currentAttempts = attempts;
            if (fx.started()) {
                onFx(windows -> windows.show(next, currentStats, currentAttempts));
            }
        }
    }

    /**
     * The start path's end: the tray shows the token's state (or, without a tray, the state is
     * known). The benchmark reads this line; the time is measured from the process's own start.
     */
    private void logReady(RenewalState first) {
        Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
        LOG.info("Ready: the tray shows the token state ({}) {} ms after the process started", first.tokenState(),
                processStart.map(t -> Duration.between(t, clock.instant()).toMillis()).orElse(-1L));
    }

    /** The status window unless the app starts hidden in a tray; on a first start, the setup wizard in front. */
    private void openFirstWindows(RenewalState first) {
        boolean showStatus = !start.hidden() || tray.isEmpty(); // hidden needs a tray to hide in
        boolean firstStart = !first.credentialsStored() && demo.isEmpty() && followed.isEmpty();
        if (showStatus || firstStart) {
            onFx(windows -> {
                if (showStatus) {
                    windows.openStatus();
                }
                if (firstStart) {
                    windows.openSetup(SetupStart.empty());
                }
            });
        }
    }

    /**
     * Called by the renewal's thread and at start, which may both come first: synchronized. The
     * start path ends here, once the tray is made and the state known; only then does the window
     * open (JavaFX's start would slow the tray's on two cores), before any setup wizard.
     */
    private synchronized void showInTray() {
        RenewalState current = state;
        // A keychain locked at start is waited for; a followed Redis that cannot be reached may stay so for long.
        if (!trayChecked || current == null || current.keychainProblem().isPresent() && !ready && followed.isEmpty()) {
            return;
        }
        if (!ready) {
            ready = true;
            logReady(current);
            openFirstWindows(current);
        }
        if (tray.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        StatusView view = StatusView.of(current, HistoryStats.of(List.of()), now, ZoneId.systemDefault(), expiringWithin);
        tray.get().show(new TrayView(view.look(), title() + ": " + view.tooltip(), TrayMenu.of(current, now, startsAtLogin)));
    }

    private String title() {
        return demo.isPresent() ? "Upstox Token Tray (demo)" : "Upstox Token Tray";
    }

    /** A tray menu choice, on AWT's thread. */
    private void act(TrayMenu.Choice choice) {
        switch (choice.action()) {
            case COPY_TOKEN -> onFx(windows -> windows.copyToken(state));
            case RENEW_NOW -> renewNow();
            case BROWSER_LOGIN -> onFx(AppWindows::openBrowserLogin);
            case OPEN -> onFx(AppWindows::openStatus);
            case SETTINGS -> onFx(AppWindows::openSettings);
            case START_AT_LOGIN -> background.execute(this::toggleStartAtLogin);
            case QUIT -> close();
        }
    }

    /** A click on a notification, or its button: the window it leads to. */
    private void notificationChosen(Notification.Action action) {
        switch (action) {
            case OPEN -> onFx(AppWindows::openStatus);
            case BROWSER_LOGIN -> onFx(AppWindows::openBrowserLogin);
        }
    }

    /** Runs window work on the FX thread, making the windows (and starting JavaFX) when first needed. */
    private void onFx(Consumer<AppWindows> work) {
        fx.execute(() -> {
            if (windows == null) {
                windows = new AppWindows(windowContext());
                RenewalState current = state;
                if (current != null) {
                    List<Attempt> attempts = renewal.history().attempts(current.profile().name());
                    windows.show(current, HistoryStats.of(attempts), attempts);
                }
            }
            work.accept(windows);
        });
    }

    private AppWindows.Context windowContext() {
        return new AppWindows.Context(clock, expiringWithin, demo.isPresent(), tray.isPresent(), () -> uiSettings,
                settingsFile, startAtLogin, this::settingsChanged, this::forgetCredentials,
                renewal.renewer()::testAndSave, service::replan, background, new WindowActions(),
                new RenewalBrowserSteps(renewal.renewer(), service, browser), browserWaits,
                new OutputsModel.Wiring(new OutputSettings(settingsFile), start.profile(), this::handOutToNewOutputs));
    }

    /** An output was added in the settings: it gets the current token now, not at the next renewal. */
    private void handOutToNewOutputs() {
        Optional.ofNullable(state).flatMap(RenewalState::token).filter(token -> token.stateAt(clock.instant()).usable())
                .ifPresent(token -> outputs.seen(start.profile(), token));
    }

    /**
     * A login now, by hand. Credentials Upstox rejected are not sent again this way (the policy
     * would refuse them, silently): the window says so, and offers the confirmed retry instead.
     */
    private void renewNow() {
        if (followed.isPresent()) {
            background.execute(() -> {
                Notice asked = Following.renewNow(followed.get());
                onFx(windows -> windows.say(asked));
            });
            return;
        }
        RenewalState current = state;
        if (current != null && current.credentialsRejected()) {
            onFx(windows -> {
                windows.openStatus();
                windows.say(Notice.info("Upstox rejected these credentials, so Renew now does not send them again:"
                        + " each wrong PIN or TOTP counts towards Upstox's lock after five tries. Correct them with"
                        + " Edit credentials…, or choose Retry these credentials… to try them once more."));
            });
            return;
        }
        service.renewNow(Optional.empty());
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

    /**
     * Opens the setup window with the stored credentials (their secrets not in any field) and the
     * stop that holds for them, read off the FX thread.
     */
    private void editCredentials() {
        background.execute(() -> {
            try {
                Optional<UpstoxCredentials> stored = renewal.renewer().vault().credentials();
                SetupStart start = stored.isEmpty() ? SetupStart.empty()
                        : SetupStart.editing(stored.get(), renewal.renewer().stopFor(stored.get()));
                onFx(windows -> windows.openSetup(start));
            } catch (Exception e) {
                onFx(windows -> windows.say(Notice.error(e.getMessage())));
            }
        });
    }

    /** On the background thread: the OS may answer slowly (Windows runs reg.exe). */
    private void readStartAtLogin() {
        startsAtLogin = startAtLogin.supported() ? Optional.of(startAtLogin.enabled()) : Optional.empty();
        showInTray();
    }

    private void toggleStartAtLogin() {
        try {
            startAtLogin.set(!startAtLogin.enabled());
        } catch (Exception e) {
            LOG.warn("Could not change start at login: {}", e.getMessage());
            onFx(windows -> windows.say(Notice.error("Could not change start at login: " + e.getMessage())));
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
            onFx(windows -> windows.copyToken(state));
        }

        @Override
        public void renewNow() {
            DesktopApp.this.renewNow();
        }

        @Override
        public void openSettings() {
            onFx(AppWindows::openSettings);
        }

        @Override
        public void editCredentials() {
            DesktopApp.this.editCredentials();
        }

        @Override
        public void retryRejected() {
            RenewalState shown = state;
            if (shown != null && shown.plan() instanceof Plan.Stopped stopped && stopped.rejectionId().isPresent()) {
                onFx(windows -> windows.confirmRetry(stopped.why(), () -> service.renewNow(stopped.rejectionId())));
            }
        }

        @Override
        public void browserLogin() {
            onFx(AppWindows::openBrowserLogin);
        }

        @Override
        public void quit() {
            close();
        }
    }

    /** The status window's stage, for tests (on the FX thread); empty until a window was needed. */
    Optional<Stage> statusStage() {
        return Optional.ofNullable(windows).map(AppWindows::statusStage);
    }

    /** Brings the status window forward (a second launch asked). */
    void openWindow() {
        onFx(AppWindows::openStatus);
    }

    /** SIGTERM: quits as {@link #close()} does, but for the windows, which JavaFX closes by itself meanwhile. */
    void closeAsTheJvmEnds() {
        fx.jvmEnding();
        close();
    }

    @Override
    public void close() {
        uncaught.close();
        service.close();
        followed.ifPresent(FollowedAccount::close);
        tray.ifPresent(AwtTray::close);
        try {
            outputs.close(); // a hook still running ends with the app
            scheduler.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
        browserWaits.shutdownNow(); // a listener still waiting stops, and frees its port
        desktopNotifier.close(); // its D-Bus sender thread would keep the JVM alive
        demo.ifPresent(UpstoxSimulator::close);
        fx.exitAfter(() -> {
            if (windows != null) {
                windows.quitting();
            }
        });
        quit.countDown();
    }
}
