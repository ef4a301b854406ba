package dev.tokentray.cli;

import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Stop;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Checks your Upstox login with one real login and stores it, with the token, in the OS"
                + " keychain only when Upstox accepted it.",
                "Values Upstox rejected before are refused without a login (exit 4) unless --retry-rejected is given."})
final class SetupCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--from-env", required = true, description = "Read UPSTOX_USERNAME (the mobile number),"
            + " UPSTOX_PIN_CODE, UPSTOX_TOTP_SECRET, UPSTOX_CLIENT_ID, UPSTOX_CLIENT_SECRET and UPSTOX_REDIRECT_URI"
            + " from the environment (the names of the upstox-totp SDK).")
    boolean fromEnvironment;

    @Option(names = "--login-method", paramLabel = "totp|approval|browser",
            description = "How the token is renewed: totp, the automatic login (the default); approval, an approval"
                    + " request each morning (needs `run --headless --notifier-listen`); browser, by hand. With"
                    + " approval or browser, nothing sends the PIN by itself, so the values are stored without a test"
                    + " login.")
    LoginMethod loginMethod;

    @Option(names = "--no-test", description = "Store the values without a login (a machine without network now);"
            + " the first `token` or renewal logs in with them.")
    boolean noTest;

    @Option(names = "--retry-rejected", description = "Send values Upstox rejected before once more. Each wrong PIN"
            + " or TOTP counts towards Upstox's lock after 5.")
    boolean retryRejected;

    SetupCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Map<CredentialField, String> raw = new EnumMap<>(CredentialField.class);
        for (CredentialField field : CredentialField.values()) {
            raw.put(field, environment.variables().get(field.environmentVariable()));
        }
        CliServices services = CliServices.startNew(environment, common); // setup makes accounts
        UpstoxCredentials credentials = UpstoxCredentials.parse(raw);
        RenewalWiring renewal = services.renewal();
        Optional<Stop> stop = renewal.renewer().stopFor(credentials);
        String login = "the Upstox login of mobile number ******" + credentials.mobileNumber().substring(6)
                + " (API key " + credentials.clientId() + ") for profile '" + services.profile() + "'";
        LoginMethod method = loginMethod != null ? loginMethod : services.savedSettings(services.profile()).loginMethod();
        if (noTest || method != LoginMethod.TOTP) {
            if (stop.isPresent() && !retryRejected) {
                throw CliHints.rejectedBefore(stop.get());
            }
            services.vault().saveCredentials(credentials);
            environment.out().printf("Stored %s in the keychain, without a test login.%n", login);
            stop.ifPresent(rejected -> environment.err().println("Upstox rejected these values before, so no automatic"
                    + " login uses them until a retry is confirmed: `upstox-token-tray refresh --retry-rejected"
                    + CliHints.profileOption(services.profile()) + "`."));
        } else if (unchangedWithAUsableToken(services, credentials)) {
            environment.out().printf("The keychain already holds %s, and its token is valid: nothing to test.%n", login);
        } else {
            FetchedToken tested = renewal.renewer().testAndSave(credentials,
                    retryRejected ? stop.map(Stop::id) : Optional.empty(), LoginListener.NONE);
            HandOut handOut = services.handOut(tested);
            AccessToken token = tested.token();
            environment.out().printf("Logged in as %s (%s) and stored %s in the keychain; the token is valid until %s.%n",
                    token.userName(), token.userId(), login, TimeText.ist(token.expiresAt()));
            handOut.finish();
        }
        services.listAccount();
        if (loginMethod != null) {
            services.saveSettings(services.profile(), services.savedSettings(services.profile()).withLoginMethod(loginMethod));
            environment.out().printf("Login method: %s.%n", loginMethod.description());
        }
        return ExitCode.OK.code;
    }

    /** A bot's start script runs setup at each start: the same values with a usable token need no login. */
    private boolean unchangedWithAUsableToken(CliServices services, UpstoxCredentials credentials)
            throws KeychainException {
        return services.vault().credentials().filter(credentials::equals).isPresent()
                && services.vault().token().filter(t -> t.stateAt(environment.clock().instant()).usable()).isPresent();
    }
}
