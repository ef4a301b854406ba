package dev.tokentray.cli;

import dev.tokentray.follow.RedisFollow;
import dev.tokentray.platform.ChildSignals;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Runs the trader's command with a valid token in its environment, as aws-vault's {@code exec}
 * does with credentials: never on its command line, which every user of the machine can read.
 * It prints nothing of its own on stdout (the command's output is the command's); before the
 * command starts, its failures are the app's, with the app's exit codes and a message on stderr.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = {"Runs COMMAND with UPSTOX_ACCESS_TOKEN and UPSTOX_TOKEN_EXPIRES_AT (ISO-8601) in its"
                + " environment, logging in first when there is no valid token. Exits with the command's exit code;"
                + " SIGINT and SIGTERM are passed on to it. Example: upstox-token-tray exec -- python bot.py",
                "When no token can be had (rejected credentials: exit 4, and so on) the command is not started."})
final class ExecCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "UPSTOX_ACCESS_TOKEN";
    static final String EXPIRY_VARIABLE = "UPSTOX_TOKEN_EXPIRES_AT";
    /** As a shell reports a command it cannot find, or cannot run. */
    private static final int NOT_FOUND = 127;
    private static final int NOT_EXECUTABLE = 126;

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Mixin
    FromRedisOptions fromRedis;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;

    ExecCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Everything after the first word is the command's own: `exec python bot.py --live` works without `--`. */
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new ExecCommand(environment)).setStopAtPositional(true);
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        FollowedToken followed = new FollowedToken(environment, services);
        Optional<RedisFollow> follow = followed.follow(fromRedis);
        if (follow.isPresent()) {
            return run(followed.usable(follow.get()));
        }
        FetchedToken renewal = services.tokenOnDemand(services.renewal());
        HandOut handOut = services.handOut(renewal);
        int exitCode = run(renewal.token());
        handOut.finish();
        return exitCode;
    }

    private int run(AccessToken token) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> variables = builder.environment();
        variables.clear();
        variables.putAll(environment.variables());
        variables.put(TOKEN_VARIABLE, token.value().reveal());
        variables.put(EXPIRY_VARIABLE, TimeText.iso(token.expiresAt()));
        ChildSignals signals = ChildSignals.install();
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            boolean denied = String.valueOf(e.getMessage()).contains("error=13");
            environment.err().println("Cannot run " + command.getFirst() + ": " + (denied
                    ? "it is not executable." : "no such program (give its path, or check PATH)."));
            return denied ? NOT_EXECUTABLE : NOT_FOUND;
        }
        signals.forwardTo(child);
        return child.waitFor();
    }
}
