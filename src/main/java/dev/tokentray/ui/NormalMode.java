package dev.tokentray.ui;

import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.notify.Notifications;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.vault.SecretStore;
import java.time.Duration;

/** The app for real: Upstox's hosts (or those the environment names), the trader's own settings. */
public record NormalMode(UpstoxHosts hosts) implements AppMode {

    @Override
    public String title() {
        return "Upstox Token Tray";
    }

    @Override
    public boolean badged() {
        return false;
    }

    @Override
    public SettingsFile settings(AppDirs dirs) {
        return SettingsFile.in(dirs);
    }

    @Override
    public void prepare(SettingsFile settings, SecretStore keychain) {
        // The trader's accounts are as they left them.
    }

    @Override
    public RenewalSettings renewal(RenewalSettings saved) {
        return saved;
    }

    @Override
    public Duration expiringWithin() {
        return TokenState.EXPIRING_WITHIN;
    }

    @Override
    public Duration expiryWarning() {
        return Notifications.EXPIRY_WARNING;
    }

    @Override
    public void close() {
        // nothing of its own runs
    }
}
