package dev.tokentray.cli;

import dev.tokentray.platform.AppDirs;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.vault.SecretStore;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Runs the CLI in this JVM against a simulator, with its own folders, keychain and variables. */
final class CliRunner {
    record Run(int exitCode, String out, String err) {}

    private final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private final Supplier<SecretStore> keychain;
    private final Clock clock;

    CliRunner(Path home, Supplier<SecretStore> keychain, Clock clock) {
        this.home = home;
        this.keychain = keychain;
        this.clock = clock;
        variables.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        variables.put("XDG_STATE_HOME", home.resolve("state").toString());
    }

    /** Points the CLI at the simulator, and gives it the simulator's account as the UPSTOX_* variables. */
    CliRunner against(UpstoxSimulator simulator) {
        variables.put("UPSTOX_API_BASE_URL", simulator.baseUri().toString());
        variables.put("UPSTOX_SERVICE_BASE_URL", simulator.baseUri().toString());
        return withAccount(simulator.account());
    }

    CliRunner withAccount(SimulatedAccount account) {
        account.credentials().toFields().forEach((field, value) -> variables.put(field.environmentVariable(), value));
        return this;
    }

    CliRunner with(CredentialField field, String value) {
        variables.put(field.environmentVariable(), value);
        return this;
    }

    CliRunner with(String variable, String value) {
        variables.put(variable, value);
        return this;
    }

    CliRunner without(CredentialField field) {
        variables.remove(field.environmentVariable());
        return this;
    }

    Run run(String... args) {
        return run(new BufferedReader(Reader.nullReader()), new StringWriter(), args);
    }

    /**
     * Runs with {@code in} as stdin, and {@code err} as stderr, which a test may read while the
     * command runs (a {@link StringWriter} is safe to read from another thread).
     */
    Run run(BufferedReader in, StringWriter err, String... args) {
        StringWriter out = new StringWriter();
        CliEnvironment environment = new CliEnvironment(Map.copyOf(variables), in, new PrintWriter(out), new PrintWriter(err, true),
                clock, AppDirs.of("Linux", home, variables), keychain,
                start -> { throw new AssertionError("the tray app must not start"); }, new ExitWaits());
        int code = Cli.run(args, environment);
        return new Run(code, out.toString(), err.toString());
    }
}
