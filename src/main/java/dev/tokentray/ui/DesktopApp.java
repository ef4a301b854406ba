package dev.tokentray.ui;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.follow.FollowSetup;
import dev.tokentray.follow.FollowedAccount;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.FollowedRedis;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.launch.AppStart;
import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.platform.AppCommand;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.platform.CompositionRoot;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.platform.StartAtLogin;
import dev.tokentray.platform.UncaughtFailures;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.ui.account.AccountController;
import dev.tokentray.ui.account.AppAccounts;
import dev.tokentray.ui.account.OwnRenewal;
import dev.tokentray.ui.account.RedisSource;
import dev.tokentray.ui.demo.DemoMode;
import dev.tokentray.ui.fx.FxRuntime;
import dev.tokentray.ui.notify.FreedesktopNotifier;
import dev.tokentray.ui.notify.InAppNotifier;
import dev.tokentray.ui.notify.Notifications;
import dev.tokentray.ui.notify.TrayBalloonNotifier;
import dev.tokentray.ui.settings.OutputsModel;
import dev.tokentray.ui.settings.SettingsModel;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.tray.Tray;
import dev.tokentray.ui.tray.TrayPresenter;
import dev.tokentray.ui.tray.Trays;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.KeychainService;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray app's composition root: wires the parts by hand and starts them, nothing more. The
 * parts: the {@link AppMode} (normal or demo, chosen once), the accounts ({@link AppAccounts}, a
 * controller each, logins kept apart by one {@link LoginTurnstile}, new tokens handed to their
 * outputs by one {@link OutputDispatcher}), the notifications, the tray
 * ({@link TrayPresenter} over the {@link Tray} that {@link Trays} chose), the windows ({@link AppWindows}, made when first
 * needed), what keeps them up to date ({@link Screens}) and what the trader's choices do
 * ({@link DesktopActions}).
 *
 * <p>Threads: each account's renewal has its own; the tray's minute tick and the notifications'
 * timers share one; keychain work from the windows runs on one background thread; browser logins
 * wait on virtual threads; JavaFX starts only when a window is needed, so a tray app that sits in
 * the tray all day never loads it.
 */
@CompositionRoot
final class DesktopApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    private static final Duration TRAY_TICK = Duration.ofMinutes(1);

    /**
     * What the app is built from; {@link #start(AppStart, AppDirs)} takes it from the machine, tests
     * give their own (a simulator's hosts, a test keychain service, throwaway folders, no autostart).
     */
    record Wiring(AppStart start, AppMode mode, Clock clock, AppDirs dirs, SecretStore keychain,
            StartAtLoginSwitch startAtLogin, BrowserOpener browser) {}

    private final Wiring wiring;
    private final ThreadScheduler timers = new ThreadScheduler("app-timers");
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("keychain-work").daemon().factory());
    /** The browser login's waits last minutes: threads of their own, never the keychain's or the FX thread. */
    private final ExecutorService browserWaits = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("browser-login-", 0).factory());
    private final FxRuntime fx = new FxRuntime(this::windowsCannotStart);
    private final CountDownLatch quit = new CountDownLatch(1);
    private volatile Optional<Throwable> cannotShow = Optional.empty();
    private UncaughtFailures.Subscription uncaught = () -> {};
    private final SettingsFile settings;
    /** The keychain, each change marked for the other processes (the command line, a headless renewer). */
    private final SecretStore keychain;
    private final AtomicReference<UiSettings> ui;
    private final FreedesktopNotifier desktopNotifier;
    private final Notifications notifications;
    private final OutputDispatcher outputs;
    /** The accounts another machine renews, which the app follows in Redis. */
    private final FollowedProfiles followed;
    private final AppAccounts accounts;
    private final Screens screens;
    private final DesktopActions actions;
    private volatile Optional<Tray> tray = Optional.empty();

    private DesktopApp(Wiring wiring) {
        this.wiring = wiring;
        AppMode mode = wiring.mode();
        this.settings = mode.settings(wiring.dirs());
        this.keychain = new ChangeMarks(wiring.dirs().state()).observing(wiring.keychain());
        this.ui = new AtomicReference<>(UiSettings.fromJson(settings.section(UiSettings.SECTION)));
        this.followed = new FollowedProfiles(settings);
        LoginTurnstile turnstile = LoginTurnstile.shared();
        UpstoxLoginClient client = new UpstoxLoginClient(mode.hosts(), LoginTimeouts.DEFAULT, wiring.clock());
        AppAccounts.Controllers controllers = (account, changed) -> account(account, changed, client, turnstile);
        this.accounts = new AppAccounts(new AccountList(settings), controllers);
        this.screens = new Screens(accounts, wiring.clock(), fx, this::windows, () -> actions().started(wiring.start().hidden()));
        this.actions = new DesktopActions(accounts, screens, wiring.clock(), background, wiring.browser(),
                wiring.startAtLogin(), ui, new FollowSetup(new RedisPasswords(keychain), followed, wiring.clock()),
                this::close);
        this.desktopNotifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(wiring.dirs().state()),
                actions::notificationChosen);
        this.notifications = new Notifications(Notifications.notifiersFor(System.getProperty("os.name"),
                () -> desktopNotifier, () -> TrayBalloonNotifier.of(() -> tray),
                new InAppNotifier(actions::notificationChosen, scene -> Themes.apply(scene, ui.get().theme()), fx)),
                ui::get, wiring.clock(), timers, background, mode.expiryWarning(), () -> accounts.all().size());
        this.outputs = OutputDispatcher.of(settings, keychain, notifications::outputFailed, timers, wiring.clock(),
                System.getenv());
        accounts.addListener(screens::refresh);
    }

    private DesktopActions actions() {
        return actions;
    }

    /**
     * One account: its own renewal, heard by the screens, the notifications and its outputs; or, when
     * its profile follows Redis, the token another machine renews there, heard by the screens and the
     * notifications (that machine hands it to the outputs).
     */
    private AccountController account(Account account, Runnable changed, UpstoxLoginClient client,
            LoginTurnstile turnstile) {
        Optional<RedisFollow> follows = followed.of(account.profile());
        if (follows.isPresent()) {
            AccountController controller = new AccountController(account,
                    current -> redisSource(account.profile(), follows.get()), changed);
            controller.addListener(notifications.followerFor(account.profile(), controller::name));
            return controller;
        }
        ProfileVault vault = new ProfileVault(keychain, account.profile());
        AccountController controller = new AccountController(account, current -> new OwnRenewal(RenewalWiring.of(vault,
                client, wiring.dirs().state(), () -> wiring.mode().renewal(current.get().renewal()), wiring.clock(),
                turnstile)), changed);
        controller.addListener(notifications.listenerFor(account.profile(), controller::name));
        controller.addListener(outputs.listener(account.profile()));
        return controller;
    }

    /** The token of an account another machine renews, read from Redis on a thread of its own; its history is the app's. */
    private RedisSource redisSource(Profile profile, RedisFollow follow) {
        Path state = wiring.dirs().state();
        RedisConnector connector = new RedisConnector(new RedisPasswords(keychain));
        LoginHistory history = new LoginHistory(state.resolve("history.jsonl"), wiring.clock(), new ChangeMarks(state)::mark);
        return new RedisSource(new FollowedAccount(profile, new FollowedRedis(follow, connector, wiring.clock()), connector,
                history, wiring.clock(), Thread.ofPlatform().name("redis-follower-" + profile).daemon().factory(), timers),
                followed);
    }

    /** An output was added in the settings: it gets the account's current token now, not at the next renewal. */
    private void handOutToNewOutputs(Profile account) {
        accounts.find(account).flatMap(AccountController::snapshot).flatMap(snapshot -> snapshot.state().token())
                .filter(token -> token.stateAt(wiring.clock().instant()).usable())
                .ifPresent(token -> outputs.seen(account, token));
    }

    /** Wires the app from this machine and starts it. */
    static DesktopApp start(AppStart start, AppDirs dirs) throws IOException, KeychainException {
        Clock clock = Clock.systemUTC();
        AppMode mode = start.demo() ? DemoMode.start(clock) : new NormalMode(UpstoxHosts.fromEnvironment(System.getenv()));
        StartAtLoginSwitch autostart = StartAtLoginSwitch.of(StartAtLogin.forCurrentUser(), AppCommand.current());
        return start(new Wiring(start, mode, clock, dirs, new KeyringSecretStore(KeychainService.of(System.getenv())),
                autostart, BrowserOpener.forThisComputer(System.getenv())));
    }

    /** Starts the app: the accounts read the keychain on their own threads while the tray icon is made here. */
    static DesktopApp start(Wiring wiring) throws IOException, KeychainException {
        DesktopApp app = new DesktopApp(wiring);
        app.run();
        return app;
    }

    private void run() throws IOException, KeychainException {
        uncaught = UncaughtFailures.install().listen(failure -> screens.onFx(
                windows -> windows.say(WorkStopped.notice(failure, wiring.dirs().logs()))));
        wiring.mode().prepare(settings, keychain);
        accounts.start();
        // The one place the tray is made: the native item, AWT's tray or none, as this desktop has.
        tray = Trays.install(TrayPresenter.reading(wiring.mode().title()), actions::choose);
        if (tray.isEmpty()) {
            LOG.warn("This desktop shows no tray icons: the app keeps a normal window");
        }
        screens.trayChecked(tray.map(t -> new TrayPresenter(t, wiring.mode().title(), wiring.mode().expiringWithin(),
                actions::startsAtLogin)));
        wiring.start().account().ifPresent(this::openWindow);
        // The tooltip says the minutes left, and the looks turn to expiring and expired with time.
        timers.every(TRAY_TICK, screens::refresh);
    }

    /** The windows, on the FX thread, the first time they are needed. */
    private AppWindows windows() {
        return new AppWindows(wiring.mode(), wiring.clock(), screens.trayShown(), ui::get, actions,
                chosen -> new SettingsModel(settings, chosen, wiring.startAtLogin(), actions::settingsSaved),
                new OutputsModel.Wiring(new OutputSettings(settings), this::handOutToNewOutputs), background, browserWaits);
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

    /** The status window's stage, for tests (on the FX thread); empty until a window was needed. */
    Optional<Stage> statusStage() {
        return screens.statusStage();
    }

    /** Brings the status window forward (a second launch asked). */
    void openWindow() {
        screens.onFx(AppWindows::openStatus);
    }

    private void openWindow(Profile account) {
        screens.onFx(windows -> windows.openStatus(account));
    }

    /** The app's accounts, for tests. */
    AppAccounts accounts() {
        return accounts;
    }

    /**
     * A signal ends the app: first the windows, with JavaFX ended on its own thread, as the menu's
     * Quit ends it. Left to its shutdown hook, JavaFX stops its renderer under a frame being drawn,
     * and prints a RejectedExecutionException (met in the packaging test, SIGTERM with the window
     * open). The JVM's end then closes the rest ({@link #closeAsTheJvmEnds}).
     */
    void closeWindows() {
        fx.exitAfter(screens::quitting);
    }

    /** SIGTERM: quits as {@link #close()} does, but for the windows, closed by {@link #closeWindows} or JavaFX meanwhile. */
    void closeAsTheJvmEnds() {
        fx.jvmEnding();
        close();
    }

    @Override
    public void close() {
        uncaught.close();
        tray.ifPresent(Tray::close);
        accounts.close();
        try {
            outputs.close(); // a hook still running ends with the app
            timers.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
        browserWaits.shutdownNow(); // a listener still waiting stops, and frees its port
        desktopNotifier.close(); // its D-Bus sender thread would keep the JVM alive
        wiring.mode().close();
        fx.exitAfter(screens::quitting);
        quit.countDown();
    }
}
