package dev.tokentray.cli;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.accounts.UnknownProfileException;
import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.output.OutputProblems;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.platform.Logging;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.ClockCheck;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's composition root: wires what a command needs, by hand, once per run. A command's
 * profile must be one of the accounts (or have credentials in the keychain, set up before the
 * app kept a list): nothing of another account ever stands in for it.
 */
final class CliServices {
    private final CliEnvironment environment;
    private final Profile profile;
    private final SettingsFile settings;
    private SecretStore keychain;
    private HandOut handOut; // guarded by this

    private CliServices(CliEnvironment environment, Profile profile) {
        this.environment = environment;
        this.profile = profile;
        this.settings = SettingsFile.in(environment.dirs());
    }

    /**
     * Creates the app's folders, starts the log, and checks that the profile is an account; every
     * command begins here, but {@code setup}, which makes accounts ({@link #startNew}).
     *
     * @throws UnknownProfileException when the profile is no account
     */
    static CliServices start(CliEnvironment environment, CommonOptions options)
            throws UnknownProfileException, KeychainException {
        return start(environment, options, options.verbose() ? Logging.Echo.DEBUG : Logging.Echo.NONE);
    }

    static CliServices start(CliEnvironment environment, CommonOptions options, Logging.Echo echo)
            throws UnknownProfileException, KeychainException {
        CliServices services = startNew(environment, options, echo);
        services.requireKnown(services.profile);
        return services;
    }

    /** As {@link #start}, for a profile that may be new, or for every account ({@code --all}). */
    static CliServices startNew(CliEnvironment environment, CommonOptions options) {
        return startNew(environment, options, options.verbose() ? Logging.Echo.DEBUG : Logging.Echo.NONE);
    }

    static CliServices startNew(CliEnvironment environment, CommonOptions options, Logging.Echo echo) {
        Profile profile = options.profile();
        try {
            environment.dirs().create();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app's folders under " + environment.dirs().state(), e);
        }
        Logging.toFile(environment.dirs().logs(), echo);
        return new CliServices(environment, profile);
    }

    /**
     * @throws UnknownProfileException when the profile is neither listed nor has credentials stored
     */
    void requireKnown(Profile asked) throws UnknownProfileException, KeychainException {
        List<Profile> listed = accounts().profiles();
        if (!listed.contains(asked) && !vault(asked).hasCredentials()) {
            throw new UnknownProfileException(asked, listed);
        }
    }

    Profile profile() {
        return profile;
    }

    /**
     * Lists the profile as an account (once its credentials are stored), with the settings it ran
     * with unlisted ({@link #savedSettings}). The first other profile set up this way does not
     * bring an empty {@code default} account into the list with it.
     */
    void listAccount() throws IOException, KeychainException {
        AccountList list = accounts();
        RenewalSettings renewal = savedSettings(profile);
        if (!list.saved() && !profile.equals(Profile.DEFAULT) && !vault(Profile.DEFAULT).hasCredentials()) {
            list.write(List.of());
        }
        list.add(new Account(profile, "", renewal));
    }

    AccountList accounts() {
        return new AccountList(settings);
    }

    /** The profile's keychain entries; each change is marked for the tray app to notice. */
    ProfileVault vault() {
        return vault(profile);
    }

    ProfileVault vault(Profile other) {
        return new ProfileVault(keychain(), other);
    }

    SecretStore keychain() {
        if (keychain == null) {
            keychain = new ChangeMarks(environment.dirs().state()).observing(environment.keychain().get());
        }
        return keychain;
    }

    OutputSettings outputSettings() {
        return new OutputSettings(settings);
    }

    /** The outputs of every profile, telling {@code problems} of failures; closed by the caller. */
    OutputDispatcher outputs(Scheduler scheduler, OutputProblems problems) {
        return OutputDispatcher.of(settings, keychain(), problems, scheduler, environment.clock(),
                environment.variables());
    }

    /**
     * A valid token for a script ({@code token}, {@code exec}): the stored one, else a login, whose
     * warning of a clock that is off goes to stderr.
     */
    FetchedToken tokenOnDemand(RenewalWiring renewal) throws Exception {
        FetchedToken renewed = renewal.renewer().renew(Trigger.ON_DEMAND, Optional.empty(), LoginListener.NONE);
        renewed.login().flatMap(login -> ClockCheck.warning(login.clockSkew())).ifPresent(environment.err()::println);
        return renewed;
    }

    /** Hands the renewal's new token to the profile's outputs; {@link HandOut#finish()} before exiting. */
    HandOut handOut(FetchedToken renewal) {
        return handOut().renewed(renewal);
    }

    /**
     * What the command hands its outputs; the run waits for it before it exits, also when the
     * command failed (a failed login's attempt, for the audit trail).
     */
    synchronized HandOut handOut() {
        if (handOut == null) {
            handOut = new HandOut(this, environment.err());
            environment.exitWaits().add(handOut::finish);
        }
        return handOut;
    }

    UpstoxHosts hosts() {
        return UpstoxHosts.fromEnvironment(environment.variables());
    }

    /**
     * The renewal of the profile, with the settings the tray app keeps (the defaults until it has
     * any), for the command's own logins: each attempt it records, failed or not, goes to the
     * outputs (the audit trail); a service's logins reach them through its listener instead.
     */
    RenewalWiring renewal() {
        RenewalWiring renewal = renewal(profile, savedSettings(profile), LoginTurnstile.alone());
        renewal.history().onAppend(attempt -> handOut().attempted(attempt, lastUserId()));
        return renewal;
    }

    /** The user of the stored token (a success has just stored its own), when the keychain tells. */
    private Optional<String> lastUserId() {
        try {
            return vault().token().map(AccessToken::userId);
        } catch (KeychainException e) {
            return Optional.empty();
        }
    }

    /**
     * The account's renewal settings; a profile set up before the app kept a list of accounts
     * has the one renewal section of that time.
     */
    RenewalSettings savedSettings(Profile of) {
        return accounts().find(of).map(Account::renewal)
                .orElseGet(() -> RenewalSettings.fromJson(settings.section(RenewalSettings.SECTION)));
    }

    /**
     * Replaces the account's renewal settings in the settings file (an unlisted profile's: the one
     * renewal section of earlier versions); the tray app reads them at its next start or save.
     */
    void saveSettings(Profile of, RenewalSettings renewalSettings) throws IOException {
        AccountList list = accounts();
        Optional<Account> account = list.find(of);
        if (account.isPresent()) {
            list.replace(account.get().withRenewal(renewalSettings));
        } else {
            settings.write(RenewalSettings.SECTION, renewalSettings.toJson(SettingsFile.newSection()));
        }
    }

    RenewalWiring renewal(Profile of, RenewalSettings renewalSettings, LoginTurnstile turnstile) {
        return renewal(of, renewalSettings, turnstile, LoginCoordination.ALONE);
    }

    RenewalWiring renewal(Profile of, RenewalSettings renewalSettings, LoginTurnstile turnstile,
            LoginCoordination coordination) {
        return RenewalWiring.of(vault(of), new UpstoxLoginClient(hosts(), LoginTimeouts.DEFAULT, environment.clock()),
                environment.dirs().state(), () -> renewalSettings, environment.clock(), turnstile, coordination);
    }
}
