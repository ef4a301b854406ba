package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.upstox.CredentialField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exec} as a bot's start script runs it: the packaged jar, a real child process, real signals. */
class ExecIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration A_WHILE = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @TempDir
    Path work;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private AppProcess app;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withTokenLifetime(Duration.ofHours(8)));
        app = new AppProcess(home).against(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            app.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    private String[] exec(String script) {
        return new String[] {"exec", "--profile", profile, "--", "sh", "-c", script, "bot", work.toString()};
    }

    @Test
    void theCommandGetsTheTokenInItsEnvironmentAndItsOutputAlone() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();

        AppProcess.Result run = app.run(exec("""
                printf %s "$UPSTOX_ACCESS_TOKEN" > "$1/token"
                printf %s "$UPSTOX_TOKEN_EXPIRES_AT" > "$1/expires"
                echo "the bot's own output"
                """));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("the bot's own output\n");
        String token = app.run("token", "--profile", profile).stdout().strip();
        assertThat(Files.readString(work.resolve("token"))).isEqualTo(token);
        String expiresAt = JSON.readTree(app.run("status", "--json", "--profile", profile).stdout()).path("expiresAt").asText();
        assertThat(OffsetDateTime.parse(Files.readString(work.resolve("expires")))).isEqualTo(OffsetDateTime.parse(expiresAt));
        assertThat(count(Event.TOKENS_ISSUED)).as("one login, by exec").isEqualTo(1);
    }

    @Test
    void itExitsWithTheCommandsExitCode() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();

        assertThat(app.run(exec("exit 42")).exitCode()).isEqualTo(42);
        assertThat(app.run(exec("exit 0")).exitCode()).isZero();
        AppProcess.Result missing = app.run("exec", "--profile", profile, "--", work.resolve("no-such-bot").toString());
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderr()).contains("Cannot run");
    }

    @Test
    void sigtermAndSigintSentToItReachTheCommand() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        for (String signal : new String[] {"TERM", "INT"}) {
            Path ready = work.resolve("ready-" + signal);
            try (AppProcess.Running bot = app.start(exec("""
                    trap 'echo "got %s" > "$1/signal"; exit 7' %s
                    touch "$1/ready-%s"
                    while :; do sleep 0.1; done
                    """.formatted(signal, signal, signal)))) {
                Poll.until("the command to start", A_WHILE, () -> Files.exists(ready));
                assertThat(ignoredSignals(bot.pid()) & (1L << (number(signal) - 1)))
                        .as("the app was started with SIG%s ignored, and its JVM then keeps ignoring it: the tests"
                                + " were started from a shell that ignores it (`cmd &` in a script, `nohup`);"
                                + " start them in the foreground", signal)
                        .isZero();
                assertThat(Commands.run(A_WHILE, "kill", "-" + signal, Long.toString(bot.pid())).succeeded()).isTrue();

                AppProcess.Result ended = bot.await();
                assertThat(ended.exitCode()).as(signal + ": the command's own exit code").isEqualTo(7);
                assertThat(Files.readString(work.resolve("signal")).strip()).isEqualTo("got " + signal);
            }
        }
    }

    /** The signals a process ignores, as the kernel shows them: bit n - 1 for signal n. */
    private static long ignoredSignals(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .mapToLong(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .findFirst().orElseThrow();
    }

    private static int number(String signal) {
        return switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
    }

    @Test
    void aRejectedAccountExitsWith4WithoutStartingTheCommandOrSendingThePinAgain() throws Exception {
        app.set(CredentialField.PIN.environmentVariable(), "111111");
        // Stored without setup's test login: exec is the one to meet the rejection.
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();

        for (int run = 0; run < 2; run++) {
            AppProcess.Result refused = app.run(exec("touch \"$1/started\""));
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.stdout()).isEmpty();
            assertThat(refused.stderr()).contains("PIN");
        }
        assertThat(work.resolve("started")).doesNotExist();
        assertThat(count(Event.PIN_ATTEMPTS)).as("the wrong PIN sent once, never again").isEqualTo(1);
    }

    @Test
    void aLoginByExecHandsTheTokenToTheOutputsBeforeItExits() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        Path file = work.resolve("bot.env");
        assertThat(app.run("outputs", "add", "file", "--profile", profile, "--format", "dotenv", file.toString())
                .exitCode()).isZero();

        AppProcess.Result run = app.run(exec("true"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String token = app.run("token", "--profile", profile).stdout().strip();
        assertThat(Files.readString(file)).isEqualTo("UPSTOX_ACCESS_TOKEN=" + token + "\n");
    }

    private long count(Event event) {
        return simulator.counters().count(event);
    }
}
