package dev.tokentray.cli;

import dev.tokentray.launch.AppLauncher;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.CompositionRoot;
import dev.tokentray.vault.SecretStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a CLI run gets from outside: the environment variables, the streams (stdin only for an
 * address the trader pastes), the clock, the
 * folders, the keychain, and how to start the tray app; and what the run waits for before it
 * exits. Tests give their own.
 */
@CompositionRoot
record CliEnvironment(
        Map<String, String> variables,
        BufferedReader in,
        PrintWriter out,
        PrintWriter err,
        Clock clock,
        AppDirs dirs,
        Supplier<SecretStore> keychain,
        AppLauncher appLauncher,
        ExitWaits exitWaits) {

    static CliEnvironment system(Supplier<SecretStore> keychain, AppLauncher appLauncher) {
        Map<String, String> variables = System.getenv();
        return new CliEnvironment(
                variables,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(),
                AppDirs.of(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), variables),
                keychain,
                appLauncher,
                new ExitWaits());
    }
}
