package dev.tokentray.cli;

import dev.tokentray.launch.AppLauncher;
import dev.tokentray.renew.ClockCheck;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainService;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The command line: parses the arguments, runs the command, turns failures into a message and an exit code. */
public final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    /** Runs with this process's environment and streams, the OS keychain, and {@code app} for the tray app. */
    public static int run(String[] args, AppLauncher app) {
        try (KeyringSecretStore keychain = new KeyringSecretStore(KeychainService.of(System.getenv()))) {
            return run(args, CliEnvironment.system(() -> keychain, app));
        }
    }

    static int run(String[] args, CliEnvironment environment) {
        CommandLine root = configured(new CommandLine(new RootCommand(environment)), environment);
        CommandLine cli = startsTheTrayApp(root, args) ? root : configured(withEveryCommand(environment), environment);
        int code = cli.execute(args);
        environment.exitWaits().awaitAll();
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /**
     * Whether the arguments start the tray app: no command, only the root's own options, and no help
     * asked for. Then the commands' model is not built: picocli reads every command's annotations
     * by reflection, ~150 ms of the tray's cold start, and the model would stay in memory for as
     * long as the tray app runs (its launch returns when the app ends). Anything else, a mistake
     * too, is parsed with every command, for its help and its error messages.
     */
    private static boolean startsTheTrayApp(CommandLine root, String[] args) {
        try {
            ParseResult parsed = root.parseArgs(args);
            return !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (ParameterException notTheTrayApp) {
            return false;
        }
    }

    private static CommandLine configured(CommandLine cli, CliEnvironment environment) {
        return cli.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(environment.out())
                .setErr(environment.err())
                .setExecutionExceptionHandler((failure, command, parsed) -> report(failure, command, environment));
    }

    private static CommandLine withEveryCommand(CliEnvironment environment) {
        return new CommandLine(new RootCommand(environment))
                .addSubcommand(new SetupCommand(environment))
                .addSubcommand(new AccountsCommand(environment))
                .addSubcommand(new TokenCommand(environment))
                .addSubcommand(new RefreshCommand(environment))
                .addSubcommand(new LoginCommand(environment))
                .addSubcommand(new StatusCommand(environment))
                .addSubcommand(new ForgetCommand(environment))
                .addSubcommand(new HistoryCommand(environment))
                .addSubcommand(new RunCommand(environment))
                .addSubcommand(new CommandLine(new SimulatorCommand(environment))
                        .addSubcommand(new SimulatorApproveCommand(environment)))
                .addSubcommand(ExecCommand.commandLine(environment))
                .addSubcommand(OutputsCommand.commandLine(environment))
                .addSubcommand(new FollowCommand(environment));
    }

    private static int report(Exception failure, CommandLine command, CliEnvironment environment) {
        ExitCode code = ExitCode.of(failure);
        if (code == ExitCode.INTERNAL_ERROR) {
            LOG.error("Unexpected failure", failure);
            environment.err().println("Unexpected error (" + failure.getClass().getSimpleName() + "): "
                    + failure.getMessage() + "\nThe log in " + environment.dirs().logs() + " has the details.");
        } else {
            if (code != ExitCode.USAGE) { // the trader's own input, said once, not an event of the app's to log
                LOG.warn("{}", failure.getMessage());
            }
            environment.err().println(failure.getMessage());
            CliHints.after(failure, command.getCommandName(), profileOf(command)).ifPresent(environment.err()::println);
            if (failure instanceof LoginException login) {
                ClockCheck.warning(login.clockSkew()).ifPresent(environment.err()::println);
            }
        }
        return code.code;
    }

    /** The profile the failed command was about; the default one when its --profile was the failure. */
    private static Profile profileOf(CommandLine command) {
        try {
            return CommonOptions.of(command.getCommandSpec()).map(CommonOptions::profile).orElse(Profile.DEFAULT);
        } catch (IllegalArgumentException givenTwice) {
            return Profile.DEFAULT;
        }
    }
}
