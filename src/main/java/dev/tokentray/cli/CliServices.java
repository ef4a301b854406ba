package dev.tokentray.cli;

import dev.tokentray.platform.Logging;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The CLI's composition root: wires what a command needs, by hand, once per run. */
final class CliServices {
    private final CliEnvironment environment;
    private final Profile profile;
    private SecretStore keychain;

    private CliServices(CliEnvironment environment, Profile profile) {
        this.environment = environment;
        this.profile = profile;
    }

    /** Creates the app's folders and starts the log; every command begins here. */
    static CliServices start(CliEnvironment environment, CommonOptions options) {
        return start(environment, options, options.verbose ? Logging.Echo.DEBUG : Logging.Echo.NONE);
    }

    static CliServices start(CliEnvironment environment, CommonOptions options, Logging.Echo echo) {
        Profile profile = options.profile();
        try {
            environment.dirs().create();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app's folders under " + environment.dirs().state(), e);
        }
        Logging.toFile(environment.dirs().logs(), echo);
        return new CliServices(environment, profile);
    }

    Profile profile() {
        return profile;
    }

    /** The profile's keychain entries; each change is marked for the tray app to notice. */
    ProfileVault vault() {
        if (keychain == null) {
            keychain = new ChangeMarks(environment.dirs().state()).observing(environment.keychain().get());
        }
        return new ProfileVault(keychain, profile);
    }

    UpstoxHosts hosts() {
        return UpstoxHosts.fromEnvironment(environment.variables());
    }

    /** The renewal of the profile, with the settings the tray app keeps (the defaults until it has any). */
    ProfileRenewal renewal() {
        return renewal(savedSettings());
    }

    RenewalSettings savedSettings() {
        return RenewalSettings.fromJson(SettingsFile.in(environment.dirs()).section(RenewalSettings.SECTION));
    }

    /** Replaces the renewal section of the settings file; the tray app reads it at its next start or save. */
    void saveSettings(RenewalSettings settings) throws IOException {
        SettingsFile.in(environment.dirs()).write(RenewalSettings.SECTION, settings.toJson(SettingsFile.newSection()));
    }

    ProfileRenewal renewal(RenewalSettings settings) {
        return ProfileRenewal.of(vault(), new UpstoxLoginClient(hosts(), LoginTimeouts.DEFAULT, environment.clock()),
                environment.dirs().state(), () -> settings, environment.clock());
    }
}
