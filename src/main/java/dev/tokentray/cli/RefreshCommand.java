package dev.tokentray.cli;

import dev.tokentray.renew.ClockCheck;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.LoginListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Logs in now and prints a one-line summary (never the token).")
final class RefreshCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshCommand.class);

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--retry-rejected", description = "Log in even though Upstox rejected these credentials last"
            + " time: one login, for the rejection as it stands now. Each wrong PIN or TOTP counts towards Upstox's"
            + " lock after 5.")
    boolean retryRejected;

    RefreshCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        RenewalWiring profile = services.renewal();
        // The rejection as it stands now is the one confirmed: should another retry be rejected
        // while this one waits for the lock, this one sends nothing.
        Optional<String> confirmed = retryRejected ? profile.renewer().holdingRejection() : Optional.empty();
        confirmed.ifPresent(id -> LOG.info("Retrying the login of profile '{}' that Upstox rejected ({}), once, as confirmed",
                services.profile(), id));
        FetchedToken renewal = profile.renewer().renew(Trigger.MANUAL, confirmed, LoginListener.NONE);
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
