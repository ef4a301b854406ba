package dev.tokentray.ui;

import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.time.Duration;

/**
 * How the app runs, chosen once at start: for real ({@link NormalMode}), or the demo against a
 * simulator of its own ({@code ui.demo.DemoMode}). Everything that differs between the two is
 * asked of the mode, so that no other part checks which one it is.
 */
public interface AppMode extends AutoCloseable {

    /** The windows' title and the tooltip's first words. */
    String title();

    /** Whether the windows wear the DEMO badge. */
    boolean badged();

    /** Where the logins go. */
    UpstoxHosts hosts();

    /** The settings file: the accounts, and the desktop's settings. */
    SettingsFile settings(AppDirs dirs);

    /** Readies the accounts before they start (the demo stores its accounts' logins). */
    void prepare(SettingsFile settings, SecretStore keychain) throws IOException, KeychainException;

    /** The renewal settings an account runs with, from those the trader saved. */
    RenewalSettings renewal(RenewalSettings saved);

    /** When a token counts as expiring. */
    Duration expiringWithin();

    /** How long before an expiry with no renewal after it the trader is warned. */
    Duration expiryWarning();

    @Override
    void close();
}
