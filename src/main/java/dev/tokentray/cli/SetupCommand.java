package dev.tokentray.cli;

import dev.tokentray.renew.LoginMethod;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Checks your Upstox login and stores it in the OS keychain.")
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
                    + " request each morning (needs `run --headless --notifier-listen`); browser, by hand.")
    LoginMethod loginMethod;

    SetupCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        Map<CredentialField, String> raw = new EnumMap<>(CredentialField.class);
        for (CredentialField field : CredentialField.values()) {
            raw.put(field, environment.variables().get(field.environmentVariable()));
        }
        UpstoxCredentials credentials = UpstoxCredentials.parse(raw);
        CliServices services = CliServices.start(environment, common);
        services.vault().saveCredentials(credentials);
        environment.out().printf("Stored the Upstox login of mobile number ******%s (API key %s) for profile '%s'"
                        + " in the keychain.%n",
                credentials.mobileNumber().substring(6), credentials.clientId(), services.profile());
        if (loginMethod != null) {
            services.saveSettings(services.savedSettings().withLoginMethod(loginMethod));
            environment.out().printf("Login method: %s.%n", loginMethod.description());
        }
        return ExitCode.OK.code;
    }
}
