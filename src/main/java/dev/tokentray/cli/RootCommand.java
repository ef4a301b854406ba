package dev.tokentray.cli;

import dev.tokentray.accounts.UnknownProfileException;
import dev.tokentray.launch.AppStart;
import dev.tokentray.launch.AppStartException;
import dev.tokentray.platform.Logging;
import dev.tokentray.platform.StartAtLogin;
import dev.tokentray.vault.KeychainException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = RootCommand.NAME, mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = {"Keeps a valid Upstox access token in the OS keychain.",
                "Without a command it starts the tray app."},
        footer = {"", "Exit codes: 0 ok, 2 bad usage or input, 3 no credentials stored or no such account,"
                + " 4 credentials rejected by"
                + " Upstox, 5 network/service failure or rate limited, 6 keychain unavailable, 7 blocked or"
                + " protocol changed, 8 a browser or approval login ended without a token, 9 no valid token and the"
                + " login method (approval, browser) needs you, 10 the tray app cannot start here (no display: for a"
                + " server use `run --headless`)."})
final class RootCommand implements Callable<Integer> {
    static final String NAME = "upstox-token-tray";

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--demo", description = "Start the tray app against a built-in Upstox simulator, with three"
            + " demo accounts of its own whose tokens live a few minutes: see it all work in minutes.")
    boolean demo;

    @Option(names = StartAtLogin.HIDDEN, description = "Start in the tray without showing the window (used at login).")
    boolean hidden;

    RootCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws AppStartException, UnknownProfileException, KeychainException {
        if (common.named().isPresent() && !demo) {
            CliServices.start(environment, common, Logging.Echo.NONE); // an unknown account exits 3 here
        }
        environment.appLauncher().launch(new AppStart(demo, hidden, demo ? Optional.empty() : common.named()));
        return ExitCode.OK.code;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Upstox Token Tray " + (version == null ? "(development build)" : version)};
        }
    }
}
