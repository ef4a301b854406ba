package dev.tokentray.cli;

import dev.tokentray.vault.Profile;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The commands, parsed and run by picocli: every start but the tray app's everyday ones
 * ({@link Cli}). Kept apart from {@link Cli} so that those starts load no class of picocli's.
 */
final class Commands {
    private Commands() {}

    static int parseAndRun(String[] args, CliEnvironment environment) {
        CommandLine root = configured(new CommandLine(new RootCommand(environment)), environment);
        CommandLine cli = startsTheTrayApp(root, args) ? root : configured(withEveryCommand(environment), environment);
        return cli.execute(args);
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
                .setExecutionExceptionHandler((failure, command, parsed) -> Cli.report(failure, command.getCommandName(),
                        profileOf(command), environment));
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

    /** The profile the failed command was about; the default one when its --profile was the failure. */
    private static Profile profileOf(CommandLine command) {
        try {
            return CommonOptions.of(command.getCommandSpec()).map(CommonOptions::profile).orElse(Profile.DEFAULT);
        } catch (IllegalArgumentException givenTwice) {
            return Profile.DEFAULT;
        }
    }
}
