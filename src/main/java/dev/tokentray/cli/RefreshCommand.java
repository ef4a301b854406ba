package dev.tokentray.cli;

import dev.tokentray.renew.ClockCheck;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.Refusal;
import dev.tokentray.renew.Renewal;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginListener;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Logs in now and prints a one-line summary (never the token).")
final class RefreshCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--retry-rejected", description = "Log in even though Upstox rejected these credentials last"
            + " time. Each wrong PIN or TOTP counts towards Upstox's lock after 5.")
    boolean retryRejected;

    RefreshCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        Renewal renewal;
        try {
            renewal = services.renewal().renewer().renew(Trigger.MANUAL, retryRejected, LoginListener.NONE);
        } catch (LoginRefusedException e) {
            if (e.refusal().kind() != FailureKind.CREDENTIALS) {
                throw e;
            }
            throw new LoginRefusedException(new Refusal(FailureKind.CREDENTIALS, e.getMessage()
                    + " Correct them with `setup`, or, if you are sure they are right, run `refresh --retry-rejected`."));
        }
        HandOut handOut = services.handOut(renewal);
        AccessToken token = renewal.token();
        String validity = "valid until " + TimeText.ist(token.expiresAt()) + ", "
                + TimeText.span(Duration.between(environment.clock().instant(), token.expiresAt())) + " left";
        if (renewal.login().isPresent()) {
            environment.out().printf("Renewed the token of profile '%s' for %s (%s): %s; the login took %d ms.%n",
                    services.profile(), token.userName(), token.userId(), validity,
                    renewal.login().get().duration().toMillis());
            ClockCheck.warning(renewal.login().get().clockSkew()).ifPresent(environment.err()::println);
        } else {
            environment.out().printf("Another process renewed the token of profile '%s' meanwhile: %s.%n",
                    services.profile(), validity);
        }
        handOut.finish();
        return ExitCode.OK.code;
    }
}
