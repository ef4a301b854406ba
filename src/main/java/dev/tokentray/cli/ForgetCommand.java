package dev.tokentray.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Removes the profile's credentials and token from the keychain.")
final class ForgetCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    ForgetCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        services.vault().forget();
        environment.out().printf("Removed the credentials and token of profile '%s' from the keychain.%n",
                services.profile());
        return ExitCode.OK.code;
    }
}
