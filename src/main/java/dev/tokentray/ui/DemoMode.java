package dev.tokentray.ui;

import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.LoginWindow;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.ProfileVault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Demo mode: a simulated Upstox on loopback whose tokens live three minutes, its account in the
 * separate demo profile (never the trader's entries), and logins at any hour, so that the
 * countdown, the expiry, the renewal and the notifications can all be seen within minutes.
 */
final class DemoMode {
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(3);
    /** A demo token is "expiring" in its last minute, as a real one is in its last hour. */
    static final Duration EXPIRING_WITHIN = Duration.ofMinutes(1);
    /** The "expires soon and will not be renewed" warning, in proportion: a minute before, not thirty. */
    static final Duration EXPIRY_WARNING = Duration.ofMinutes(1);

    private DemoMode() {}

    static UpstoxSimulator startSimulator(Clock clock) throws IOException {
        return UpstoxSimulator.start(SimulatorConfig.defaults(clock).withTokenLifetime(TOKEN_LIFETIME));
    }

    /** Logins at any hour, by the TOTP login: the demo's simulator has no webhook for an approval to reach. */
    static RenewalSettings settings(RenewalSettings saved) {
        return saved.withLoginWindow(LoginWindow.ALWAYS).withLoginMethod(LoginMethod.TOTP);
    }

    /** Stores the simulator's account in the demo profile the first time. */
    static void storeAccount(ProfileVault demoVault, UpstoxSimulator simulator) throws KeychainException {
        if (!demoVault.hasCredentials()) {
            demoVault.saveCredentials(simulator.account().credentials());
        }
    }
}
