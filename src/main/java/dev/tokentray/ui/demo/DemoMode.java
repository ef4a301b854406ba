package dev.tokentray.ui.demo;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.ui.AppMode;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Demo mode: a simulated Upstox on loopback with three accounts of a family, kept in profiles and a
 * settings file of the demo's own (never the trader's), their tokens living minutes and
 * staggered, logins at any hour: the countdowns, the expiry, the renewals one after another and
 * the notifications can all be seen within minutes. The third account's stored PIN is one the
 * simulator refuses: it is sent once, refused, and then never again, so that "needs your
 * attention" shows beside the others.
 */
public final class DemoMode implements AppMode {
    /** A demo token is "expiring" in its last minute, as a real one is in its last hour. */
    static final Duration EXPIRING_WITHIN = Duration.ofMinutes(1);
    /** The "expires soon and will not be renewed" warning, in proportion: a minute before, not thirty. */
    static final Duration EXPIRY_WARNING = Duration.ofMinutes(1);
    /** The PIN stored for the third account; the simulator knows another. */
    static final String REFUSED_PIN = "111111";

    /** One demo account: its profile, label, the simulator's side, and whether the stored PIN is wrong. */
    record DemoAccount(Profile profile, String label, SimulatedAccount simulated, boolean wrongPin) {
        UpstoxCredentials stored() {
            return wrongPin ? simulated.credentialsWithPin(REFUSED_PIN) : simulated.credentials();
        }
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount(Profile.DEMO, "Priya (own)", SimulatedAccount.numbered(2).withTokenLifetime(Duration.ofMinutes(4)), false),
            new DemoAccount(new Profile("demo-huf"), "Ravi HUF", SimulatedAccount.numbered(3).withTokenLifetime(Duration.ofMinutes(2)), false),
            new DemoAccount(new Profile("demo-mother"), "Asha (mother)", SimulatedAccount.numbered(4), true));

    private final UpstoxSimulator simulator;

    private DemoMode(UpstoxSimulator simulator) {
        this.simulator = simulator;
    }

    public static DemoMode start(Clock clock) throws IOException {
        return new DemoMode(UpstoxSimulator.start(SimulatorConfig.defaults(clock)
                .withAccounts(ACCOUNTS.stream().map(DemoAccount::simulated).toList())));
    }

    @Override
    public String title() {
        return "Upstox Token Tray (demo)";
    }

    @Override
    public boolean badged() {
        return true;
    }

    @Override
    public UpstoxHosts hosts() {
        return simulator.hosts();
    }

    @Override
    public SettingsFile settings(AppDirs dirs) {
        return new SettingsFile(dirs.config().resolve("demo-settings.json"));
    }

    /**
     * Lists the three demo accounts (keeping their settings), and stores each one's login where it
     * is missing or another: a login stored as it was keeps its history, so that the refused PIN
     * stays refused across demo starts.
     */
    @Override
    public void prepare(SettingsFile settings, SecretStore keychain) throws IOException, KeychainException {
        AccountList list = new AccountList(settings);
        List<Account> saved = list.all();
        list.write(ACCOUNTS.stream().map(demo -> new Account(demo.profile(), demo.label(), saved.stream()
                .filter(a -> a.profile().equals(demo.profile())).findFirst().map(Account::renewal)
                .orElse(RenewalSettings.DEFAULT))).toList());
        for (DemoAccount demo : ACCOUNTS) {
            ProfileVault vault = new ProfileVault(keychain, demo.profile());
            Optional<UpstoxCredentials> stored = vault.credentials();
            if (!stored.equals(Optional.of(demo.stored()))) {
                vault.saveCredentials(demo.stored());
            }
        }
    }

    /**
     * Logins at any hour (a demo is watched now, not at 05:30), by the TOTP login: the demo's
     * simulator has no webhook for an approval to reach.
     */
    @Override
    public RenewalSettings renewal(RenewalSettings saved) {
        return saved.withLoginWindow(LoginHours.ALWAYS).withLoginMethod(LoginMethod.TOTP);
    }

    @Override
    public Duration expiringWithin() {
        return EXPIRING_WITHIN;
    }

    @Override
    public Duration expiryWarning() {
        return EXPIRY_WARNING;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
