package dev.tokentray.cli;

import dev.tokentray.renew.Renewal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a valid access token, alone, on stdout; logs in first when there is none.")
final class TokenCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    TokenCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        Renewal renewal = services.tokenOnDemand();
        HandOut handOut = services.handOut(renewal);
        // The one place the app prints a token: this command exists to hand it to a script.
        environment.out().println(renewal.token().value().reveal());
        handOut.finish();
        return ExitCode.OK.code;
    }
}
