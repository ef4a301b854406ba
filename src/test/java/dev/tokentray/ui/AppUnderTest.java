package dev.tokentray.ui;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.launch.AppStart;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.platform.XdgAutostart;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.CheckSchedule;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.testsupport.WallClockSimulator;
import dev.tokentray.token.AccessToken;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.settings.StartAtLoginSwitch;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.Fingerprints;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.StopVault;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The real tray app, {@link DesktopApp}, in the test JVM on the test run's X display: a simulator of
 * the test's own on loopback, the real keychain (service {@value #KEYCHAIN_SERVICE}, profiles of
 * its own: one account, or those {@link #accounts} names), throwaway folders, the real tray host
 * and notification daemon. Its "browser" is a
 * command that writes down each address it is given ({@link #browserOpened()}), for the test to
 * visit as the trader would. Built with
 * {@link #in(Path)}, started with {@link #start()}; {@link #close()} quits it and removes its
 * keychain entries.
 */
final class AppUnderTest implements AutoCloseable {
    static final String KEYCHAIN_SERVICE = TestKeychain.SERVICE;
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path folder;
    private static final Clock CLOCK = Clock.systemUTC();

    /**
     * An account of the app at start.
     *
     * @param label       its label ("" for none)
     * @param credentials what the keychain holds for it at start; empty for nothing
     */
    record TestAccount(String label, Optional<UpstoxCredentials> credentials) {}

    private final Clock clock = CLOCK;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private SimulatorConfig simulatorConfig = simulatorDefaults();
    private List<FaultRule> faults = List.of();
    private List<TestAccount> accounts = List.of(new TestAccount("", Optional.of(SimulatedAccount.defaults().credentials())));
    private Optional<SimulatorConfig> tokenFrom = Optional.empty();
    private boolean automatic = true;
    private LocalTime readyBy = RenewalSettings.DEFAULT.readyBy();
    private Optional<Duration> clipboardClear = UiSettings.DEFAULT.clipboardClear();
    private Set<NotificationKind> notifications = EnumSet.allOf(NotificationKind.class);
    private Theme theme = Theme.LIGHT;
    private Fx.Action beforeLaunch = () -> {};

    private UpstoxSimulator simulator;
    private AppDirs dirs;
    private List<ProfileVault> vaults = List.of();
    private DesktopApp app;
    private Stage stage;

    private AppUnderTest(Path folder) {
        this.folder = folder;
    }

    static AppUnderTest in(Path folder) {
        return new AppUnderTest(folder);
    }

    // ---- what to start with ----

    /** The simulator the app logs in to (the default account, the default token lifetime otherwise). */
    AppUnderTest simulator(SimulatorConfig config) {
        this.simulatorConfig = config;
        return this;
    }

    /** The simulator's defaults on the wall clock, which the app runs on too ({@link WallClockSimulator}). */
    static SimulatorConfig simulatorDefaults() {
        return WallClockSimulator.defaults();
    }

    /** Faults in the simulator from the start, before the app's first login. */
    AppUnderTest faults(FaultRule... rules) {
        this.faults = List.of(rules);
        return this;
    }

    /** Credentials in the keychain at start, of the one account: the simulator's default account unless told otherwise. */
    AppUnderTest storedCredentials(Optional<UpstoxCredentials> credentials) {
        this.accounts = List.of(new TestAccount("", credentials));
        return this;
    }

    /** The app's accounts, in order, instead of the one. */
    AppUnderTest accounts(TestAccount... all) {
        this.accounts = List.of(all);
        return this;
    }

    /** A token in the keychain at start, from one login at another simulator (its own token lifetime). */
    AppUnderTest storedTokenFrom(SimulatorConfig other) {
        this.tokenFrom = Optional.of(other);
        return this;
    }

    /** Automatic renewal (with the login window "always", so that the time of the test run does not matter). */
    AppUnderTest automatic(boolean on) {
        this.automatic = on;
        return this;
    }

    /** The ready-by time, IST: {@link LocalTime#MIDNIGHT} has always passed. */
    AppUnderTest readyBy(LocalTime time) {
        this.readyBy = time;
        return this;
    }

    AppUnderTest clipboardClearsAfter(Duration after) {
        this.clipboardClear = Optional.of(after);
        return this;
    }

    AppUnderTest notifications(Set<NotificationKind> kinds) {
        this.notifications = kinds;
        return this;
    }

    AppUnderTest theme(Theme theme) {
        this.theme = theme;
        return this;
    }

    /** Runs once the keychain and folders are ready, just before the app starts (e.g. to wait for a token to die). */
    AppUnderTest beforeLaunch(Fx.Action action) {
        this.beforeLaunch = action;
        return this;
    }

    // ---- running ----

    /** Writes the settings file, fills the keychain, starts the simulator and then the app; returns once its window shows. */
    AppUnderTest start() throws Exception {
        simulator = UpstoxSimulator.start(simulatorConfig);
        faults.forEach(simulator.faults()::inject);
        dirs = new AppDirs(folder.resolve("config"), folder.resolve("state")).create();
        RenewalSettings plain = RenewalSettings.DEFAULT.withAutomatic(automatic).withLoginWindow(LoginHours.ALWAYS)
                .withReadyBy(readyBy);
        // A token from another simulator is one the app's own never issued: its check would call it revoked.
        RenewalSettings renewal = tokenFrom.isEmpty() ? plain
                : plain.withValidityCheck(new CheckSchedule(Optional.empty(), LoginHours.ALWAYS));
        List<Account> listed = new ArrayList<>();
        List<ProfileVault> made = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Profile profile = new Profile("ui-" + run + "-" + (i + 1));
            listed.add(new Account(profile, accounts.get(i).label(), renewal));
            made.add(new ProfileVault(new KeyringSecretStore(KEYCHAIN_SERVICE), profile));
        }
        vaults = List.copyOf(made);
        SettingsFile.in(dirs).write(UiSettings.SECTION,
                new UiSettings(clipboardClear, notifications, theme).toJson(SettingsFile.newSection()));
        new AccountList(SettingsFile.in(dirs)).write(listed);
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).credentials().isPresent()) {
                vaults.get(i).saveCredentials(accounts.get(i).credentials().get());
            }
        }
        if (tokenFrom.isPresent()) {
            try (UpstoxSimulator other = UpstoxSimulator.start(tokenFrom.get())) {
                RenewalWiring.of(vault(), new UpstoxLoginClient(other.hosts(), LoginTimeouts.DEFAULT, clock),
                        dirs.state(), () -> renewal, clock)
                        .renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE);
            }
        }
        beforeLaunch.run();
        // Start at login is offered: an autostart folder of the test's own.
        StartAtLoginSwitch autostart = StartAtLoginSwitch.of(new XdgAutostart(folder.resolve("xdg-config")),
                Optional.of(List.of("/usr/bin/true")));
        // sh -c SCRIPT LOG ADDRESS: the opener puts the address last, as $1; $0 is the log.
        BrowserOpener browser = new BrowserOpener(List.of("sh", "-c", "printf '%s\\n' \"$1\" >> \"$0\"",
                browserLog().toString()));
        DesktopApp.Wiring wiring = new DesktopApp.Wiring(new AppStart(false, false, Optional.empty()),
                new NormalMode(simulator.hosts()), clock, dirs, new KeyringSecretStore(KEYCHAIN_SERVICE), autostart, browser);
        app = DesktopApp.start(wiring);
        Poll.until("the status window to show", WAIT,
                () -> Fx.call(() -> app.statusStage().filter(Stage::isShowing).isPresent()));
        stage = Fx.call(() -> app.statusStage().orElseThrow());
        return this;
    }

    private Path browserLog() {
        return folder.resolve("browser-opened.txt");
    }

    /** The addresses the app opened the browser at, oldest first. */
    List<URI> browserOpened() throws IOException {
        return Files.exists(browserLog())
                ? Files.readAllLines(browserLog()).stream().map(URI::create).toList()
                : List.of();
    }

    UpstoxSimulator simulator() {
        return simulator;
    }

    AppDirs dirs() {
        return dirs;
    }

    /** The first account's keychain entries. */
    ProfileVault vault() {
        return vaults.getFirst();
    }

    /** The keychain entries of the account at {@code index} (0 the first). */
    ProfileVault vault(int index) {
        return vaults.get(index);
    }

    /** The first account's profile. */
    Profile profile() {
        return vault().profile();
    }

    /** The profile of the account at {@code index} (0 the first). */
    Profile profile(int index) {
        return vault(index).profile();
    }

    /** The PINs the simulator was sent for the account, by anything. */
    long pins(SimulatedAccount account) {
        return simulator.counters().count(SimulatorCounters.Event.PIN_ATTEMPTS, account);
    }

    /** Whether the status window has a node of that id (an account's row, say). */
    boolean exists(String id) throws Exception {
        return Fx.call(() -> scene().lookup("#" + id) != null);
    }

    /** The app's accounts, as it has them now. */
    List<Profile> profiles() throws Exception {
        return app.accounts().all().stream().map(a -> a.profile()).toList();
    }

    /** The node id of the first account's part of its row: {@code row("copy")} is {@code copy-PROFILE}. */
    String row(String part) {
        return row(part, 0);
    }

    String row(String part, int account) {
        return part + "-" + vault(account).profile();
    }

    Stage stage() {
        return stage;
    }

    Scene scene() {
        return stage.getScene();
    }

    /** The first account's stored token, read from the keychain now. */
    AccessToken token() throws Exception {
        return token(0);
    }

    AccessToken token(int account) throws Exception {
        return vault(account).token().orElseThrow(() -> new AssertionError("no token in the keychain"));
    }

    // ---- looking at the status window ----

    /** The text of a label or button of the status window, by id. */
    String text(String id) throws Exception {
        return Fx.call(() -> ((Labeled) node(id)).getText());
    }

    boolean shows(String id) throws Exception {
        return Fx.call(() -> {
            Node node = node(id);
            for (Node n = node; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    boolean disabled(String id) throws Exception {
        return Fx.call(() -> node(id).isDisabled());
    }

    private Node node(String id) {
        Node node = stage.getScene().lookup("#" + id);
        if (node == null) {
            throw new AssertionError("The status window has no #" + id);
        }
        return node;
    }

    /** Waits until the window's headline is the look's. */
    void awaitLook(Look look) throws Exception {
        Poll.until("the status window to say '" + look.headline() + "'", WAIT,
                () -> text("headline").equals(look.headline()));
    }

    /** A showing window, other than the status window, with this title. */
    static Optional<Stage> window(String title) throws Exception {
        return Fx.call(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.isShowing() && title.equals(s.getTitle()))
                .map(Stage.class::cast)
                .findFirst());
    }

    /** A node of another window than the status window, by CSS selector; fails when it has none. */
    static Node node(Stage window, String selector) {
        Node node = window.getScene().lookup(selector);
        if (node == null) {
            throw new AssertionError(window.getTitle() + " has no " + selector);
        }
        return node;
    }

    static Stage awaitWindow(String title) throws Exception {
        Poll.until("the window '" + title + "'", WAIT, () -> window(title).isPresent());
        return window(title).orElseThrow();
    }

    /**
     * Quits the app and closes its window (FxToolkit.cleanupStages() closes the others), removes its
     * accounts' keychain entries and the stops of their Upstox accounts (which outlive profiles, and
     * would stop the next test with the same values), and stops the simulator.
     */
    @Override
    public void close() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
            Fx.run(() -> {
                if (stage != null) {
                    stage.close();
                }
            });
        } finally {
            try {
                for (ProfileVault vault : vaults) {
                    vault.forget();
                }
                if (!vaults.isEmpty()) {
                    StopVault stops = vaults.getFirst().stops();
                    Optional<Fingerprints> fingerprints = stops.fingerprints();
                    if (fingerprints.isPresent() && simulator != null) {
                        for (SimulatedAccount account : simulator.accounts()) {
                            stops.write(fingerprints.get(), account.credentials().mobileNumber(), List.of());
                        }
                    }
                }
                if (app != null) {
                    for (Profile added : profiles()) {
                        new ProfileVault(new KeyringSecretStore(KEYCHAIN_SERVICE), added).forget();
                    }
                }
            } finally {
                if (simulator != null) {
                    simulator.close();
                }
            }
        }
    }
}
