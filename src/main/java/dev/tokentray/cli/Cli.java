package dev.tokentray.cli;

import dev.tokentray.launch.AppLauncher;
import dev.tokentray.launch.AppStart;
import dev.tokentray.platform.StartAtLogin;
import dev.tokentray.renew.ClockCheck;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainService;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: the tray app's everyday starts go straight to it; anything else is parsed and
 * run by picocli ({@link Commands}). Failures become a message and an exit code.
 */
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
        int code = everydayTrayStart(args).map(start -> launch(start, environment))
                .orElseGet(() -> Commands.parseAndRun(args, environment));
        environment.exitWaits().awaitAll();
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    /**
     * The tray app's two everyday starts, from the menu (no arguments) and at login ({@value
     * StartAtLogin#HIDDEN}), go to the tray app without picocli. Its classes are the one part of
     * the start that the AOT cache cannot hold (the JVM leaves out every class older than Java 6
     * that ran in the cache's training, and picocli is built for Java 5): 173 classes, 741 KB of
     * bytecode, read and verified at every start, and kept for as long as the app runs.
     */
    private static Optional<AppStart> everydayTrayStart(String[] args) {
        if (args.length == 0) {
            return Optional.of(new AppStart(false, false, Optional.empty()));
        }
        if (args.length == 1 && args[0].equals(StartAtLogin.HIDDEN)) {
            return Optional.of(new AppStart(false, true, Optional.empty()));
        }
        return Optional.empty();
    }

    private static int launch(AppStart start, CliEnvironment environment) {
        try {
            environment.appLauncher().launch(start);
            return ExitCode.OK.code;
        } catch (Exception failure) { // as picocli hands the root command's failures to report()
            return report(failure, RootCommand.NAME, Profile.DEFAULT, environment);
        }
    }

    /** Says what failed and what to do, on stderr (and in the log where it is the app's event), and gives the exit code. */
    static int report(Exception failure, String commandName, Profile profile, CliEnvironment environment) {
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
            CliHints.after(failure, commandName, profile).ifPresent(environment.err()::println);
            if (failure instanceof LoginException login) {
                ClockCheck.warning(login.clockSkew()).ifPresent(environment.err()::println);
            }
        }
        return code.code;
    }
}
