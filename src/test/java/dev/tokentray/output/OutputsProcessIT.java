package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The outputs as the packaged jar runs them, against 20-second tokens: the headless renewer handing
 * each token to a .env file, Redis and a hook that fails, Redis stopped and started again mid-run
 * getting the token once it is back while the renewal and the file go on as if nothing happened;
 * and {@code rediss://} to the test Redis's TLS port, whose throwaway CA's certificate names
 * {@code localhost} only.
 */
class OutputsProcessIT {
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration A_LOGIN = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @TempDir
    Path bot;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private AppProcess app;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        RealEnvironment.requireRedis();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withTokenLifetime(LIFETIME));
        app = new AppProcess(home).against(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        if (!TestRedis.answers()) {
            TestRedis.start(); // however this test ended, the next finds it running
        }
        if (simulator != null) {
            app.run("outputs", "remove", "--profile", profile, "redis-1"); // and its password, from the keychain
            app.run("outputs", "remove", "--profile", profile, "redis-2");
            app.run("forget", "--profile", profile);
            simulator.close();
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    @Test
    void redisStoppedAndStartedMidRunGetsTheTokenOnceBackAndNothingElseWaits() throws Exception {
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        Path env = Files.writeString(bot.resolve(".env"), "# the bot's settings\nBOT_MODE=paper\n");
        add("file", "--format", "dotenv", env.toString());
        AppProcess.Result redis = addRedis(TestRedis.url());
        assertThat(redis.exitCode()).as(redis.stderr()).isZero();
        add("hook", "--", "sh", "-c", "echo the bot would restart; exit 3");

        try (AppProcess.Running renewer = app.start("run", "--headless", "--login-window", "always", "--profile", profile);
                Jedis admin = TestRedis.admin()) {
            Poll.until("the first token in the file and in Redis", A_LOGIN, () -> logins() == 1
                    && tokenIn(env).isPresent() && tokenIn(env).equals(Optional.ofNullable(admin.get(key()))));
            String first = tokenIn(env).orElseThrow();

            TestRedis.stop();
            Poll.until("the second token in the file", LIFETIME.plus(A_LOGIN),
                    () -> tokenIn(env).filter(token -> !token.equals(first)).isPresent());
            String second = tokenIn(env).orElseThrow();
            Poll.until("Redis's trouble told", A_LOGIN,
                    () -> renewer.stderrSoFar().contains("Could not hand the token to Redis at " + TestRedis.address()));

            TestRedis.start();
            try (Jedis back = TestRedis.admin()) {
                Poll.until("the second token in Redis, once it is back", A_LOGIN, () -> second.equals(back.get(key())));
                assertThat(back.ttl(key())).isPositive().isLessThanOrEqualTo(LIFETIME.toSeconds());
            }
            Poll.until("a third token, with Redis back", LIFETIME.plus(A_LOGIN), () -> logins() == 3);
            try (Jedis back = TestRedis.admin()) {
                Poll.until("the third token in the file and in Redis", A_LOGIN,
                        () -> tokenIn(env).isPresent() && tokenIn(env).get().equals(back.get(key())));
            }

            renewer.terminate();
            AppProcess.Result stopped = renewer.await();
            String log = stopped.stderr();
            assertThat(occurrences(log, "Renewed the token of profile")).as("the renewal went on").isEqualTo(3);
            assertThat(occurrences(log, "Could not hand the token to the hook")).as("a failing hook, told once")
                    .isEqualTo(1);
            assertThat(occurrences(log, "Could not hand the token to Redis")).as("Redis's outage, told once")
                    .isEqualTo(1);
            assertThat(log).contains("the bot would restart", "exit code 3");
            assertThat(Files.readString(env)).startsWith("# the bot's settings\nBOT_MODE=paper\nUPSTOX_ACCESS_TOKEN=");
        }
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).as("one login per token").isEqualTo(3);
    }

    /** {@code rediss://}: the token over TLS to a server this computer trusts, whose certificate names the host. */
    @Test
    void aServerThisComputerTrustsGetsTheTokenOverTls() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        app.set("JAVA_TOOL_OPTIONS", TestRedis.trustingTheTestCa());
        AppProcess.Result added = addRedis(TestRedis.tlsUrl("localhost"));
        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(added.stderr()).doesNotContain("cannot be reached", "unencrypted");

        AppProcess.Result token = app.run("token", "--profile", profile);

        assertThat(token.exitCode()).as(token.stderr()).isZero();
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.get(key())).isEqualTo(token.stdout().strip());
        }
    }

    @Test
    void aServerNotTrustedOrNotNamedByItsCertificateGetsNothingAndTheCommandSaysWhy() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        app.set("JAVA_TOOL_OPTIONS", TestRedis.trustingTheTestCa());
        AppProcess.Result otherName = addRedis(TestRedis.tlsUrl("127.0.0.1"));
        assertThat(otherName.stderr()).contains("cannot be reached over TLS", "name the host in the URL");

        app.set("JAVA_TOOL_OPTIONS", "");
        AppProcess.Result untrusted = addRedis(TestRedis.tlsUrl("localhost"));
        assertThat(untrusted.stderr()).contains("cannot be reached over TLS", "certificate must be trusted");

        AppProcess.Result token = app.run("token", "--profile", profile);
        assertThat(token.exitCode()).as("the token, whatever Redis does").isZero();
        assertThat(token.stderr()).contains("Could not hand the token to Redis at rediss://");
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.keys(prefix + ":*")).isEmpty();
        }
    }

    private AppProcess.Result addRedis(String url) throws Exception {
        try (AppProcess.Running adding = app.startTyping("outputs", "add", "redis", "--profile", profile, "--prefix",
                prefix, "--password-stdin", url)) {
            adding.type(TestRedis.password().reveal());
            return adding.await();
        }
    }

    private void add(String... output) throws Exception {
        String[] args = new String[output.length + 3];
        args[0] = "outputs";
        args[1] = "add";
        args[2] = output[0];
        args[3] = "--profile=" + profile;
        System.arraycopy(output, 1, args, 4, output.length - 1);
        AppProcess.Result added = app.run(args);
        assertThat(added.exitCode()).as(added.stderr()).isZero();
    }

    private String key() {
        return prefix + ":" + simulator.account().userId() + ":access_token";
    }

    private long logins() {
        return simulator.counters().count(Event.TOKENS_ISSUED);
    }

    private static Optional<String> tokenIn(Path env) throws Exception {
        return Files.readAllLines(env).stream().filter(line -> line.startsWith("UPSTOX_ACCESS_TOKEN="))
                .map(line -> line.substring("UPSTOX_ACCESS_TOKEN=".length())).findFirst();
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
