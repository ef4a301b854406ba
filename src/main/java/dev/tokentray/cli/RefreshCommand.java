package dev.tokentray.cli;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginResult;
import dev.tokentray.upstox.StepTiming;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Logs in now and prints a one-line summary (never the token).")
final class RefreshCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    RefreshCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        LoginResult result = services.renewer().renew(LoginListener.NONE);
        AccessToken token = result.token();
        Duration took = result.timings().stream().map(StepTiming::duration).reduce(Duration.ZERO, Duration::plus);
        environment.out().printf("Renewed the token of profile '%s' for %s (%s): valid until %s, %s left; the login"
                        + " took %d ms.%n",
                services.profile(), token.userName(), token.userId(), TimeText.ist(token.expiresAt()),
                TimeText.span(Duration.between(environment.clock().instant(), token.expiresAt())), took.toMillis());
        return ExitCode.OK.code;
    }
}
