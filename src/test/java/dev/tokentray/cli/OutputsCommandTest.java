package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.vault.KeyringSecretStore;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** {@code outputs add|list|remove} in this JVM, with the real keychain and the test command's Redis. */
class OutputsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEYCHAIN_SERVICE = "upstox-token-tray-test";

    @TempDir
    Path home;

    @TempDir
    Path bot;

    private final String profile = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final KeyringSecretStore keychain = new KeyringSecretStore(KEYCHAIN_SERVICE);
    private UpstoxSimulator simulator;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(CliTest.morningInIst()));
        cli = new CliRunner(home, () -> keychain, CliTest.morningInIst()).against(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            cli.run("forget", "--profile", profile);
            simulator.close();
        }
        if (System.getenv("TOKENTRAY_TEST_REDIS_PORT") != null) {
            new RedisPasswords(keychain).delete(TestRedis.address());
        }
    }

    private CliRunner.Run run(String... args) {
        return cli.run(args);
    }

    /** Makes the profile an account, without a token: outputs belong to an account. */
    private void anAccount() {
        CliRunner.Run setup = run("setup", "--from-env", "--no-test", "--profile", profile);
        assertThat(setup.exitCode()).as(setup.err()).isZero();
    }

    private String token() {
        CliRunner.Run token = run("token", "--profile", profile);
        assertThat(token.exitCode()).as(token.err()).isZero();
        return token.out().strip();
    }

    @Test
    void aFileAddedWhileATokenIsStoredGetsItAtOnceAndIsListedAndRemovedById() throws Exception {
        assertThat(run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        String token = token();
        Path file = bot.resolve("token.json");

        CliRunner.Run added = run("outputs", "add", "file", "--profile", profile, "--format", "json", file.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added file-1 to profile '" + profile + "': file, json: " + file,
                "It has the current token now");
        assertThat(JSON.readTree(file.toFile()).path("access_token").asText()).isEqualTo(token);
        assertThat(run("outputs", "add", "file", "--profile", profile, "--format", "json", file.toString()).out())
                .as("the same file is not added twice").contains("Added file-1");
        assertThat(run("outputs", "list", "--profile", profile).out()).isEqualTo("file-1    file, json: " + file + "\n");

        CliRunner.Run removed = run("outputs", "remove", "--profile", profile, "file-1");
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("Removed file-1", "The file stays");
        assertThat(run("outputs", "list", "--profile", profile).out()).contains("hands its token to no output");
        CliRunner.Run again = run("outputs", "remove", "--profile", profile, "file-1");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("has no output 'file-1'");
    }

    @Test
    void aTokenThatALoginMadeReachesTheOutputsBeforeTheCommandExits() throws Exception {
        // Stored without setup's test login, so that the profile has no token yet.
        assertThat(run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        Path file = bot.resolve(".env");
        assertThat(run("outputs", "add", "file", "--profile", profile, "--format", "dotenv", file.toString()).out())
                .contains("It gets the next new token");
        assertThat(file).doesNotExist();

        String token = token();
        assertThat(Files.readString(file)).isEqualTo("UPSTOX_ACCESS_TOKEN=" + token + "\n");

        assertThat(run("refresh", "--profile", profile).exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo("UPSTOX_ACCESS_TOKEN=" + token() + "\n").doesNotContain(token);
    }

    @Test
    void aHookKeepsItsOwnOptionsAndIsListedWithItsTimeout() {
        anAccount();
        CliRunner.Run added = run("outputs", "add", "hook", "--profile", profile, "--timeout", "5s", "notify-bot.sh",
                "--quiet", "--profile", "live");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("It gets the next new token");
        assertThat(run("outputs", "list", "--profile", profile).out())
                .isEqualTo("hook-1    hook, at most 5 s: notify-bot.sh --quiet --profile live\n");
    }

    @Test
    void aFormatThatDoesNotExistOrAFolderIsRefused() {
        anAccount();
        CliRunner.Run format = run("outputs", "add", "file", "--profile", profile, "--format", "yaml", bot.resolve("t").toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("plain, dotenv or json");
        CliRunner.Run folder = run("outputs", "add", "file", "--profile", profile, "--format", "plain", bot.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder");
    }

    @Test
    void theRedisPasswordFromStdinGoesToTheKeychainAndNeverToTheSettingsFile() throws Exception {
        RealEnvironment.requireRedis();
        assertThat(run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        String token = token();

        CliRunner.Run added = cli.run(new BufferedReader(new StringReader(TestRedis.password().reveal() + "\n")),
                new StringWriter(), "outputs", "add", "redis", "--profile", profile, "--prefix", prefix, "--password-stdin",
                TestRedis.url());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Added redis-1", "It has the current token now");
        assertThat(new RedisPasswords(keychain).read(TestRedis.address())).contains(TestRedis.password());
        String settings = Files.readString(home.resolve("config/upstox-token-tray/settings.json"));
        assertThat(settings).contains(TestRedis.url()).doesNotContain(TestRedis.password().reveal());
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.get(prefix + ":" + simulator.account().userId() + ":access_token")).isEqualTo(token);
            admin.del(prefix + ":" + simulator.account().userId() + ":access_token",
                    prefix + ":" + simulator.account().userId() + ":token_meta");
        }

        assertThat(run("outputs", "remove", "--profile", profile, "redis-1").exitCode()).isZero();
        assertThat(new RedisPasswords(keychain).read(TestRedis.address())).as("no output uses it any more").isEmpty();
    }

    @Test
    void theRedisPasswordMayComeFromRedisCliAuthAsForRedisCli() throws Exception {
        RealEnvironment.requireRedis();
        anAccount();
        cli.with("REDISCLI_AUTH", TestRedis.password().reveal());

        CliRunner.Run added = run("outputs", "add", "redis", "--profile", profile, "--prefix", prefix, TestRedis.url());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(new RedisPasswords(keychain).read(TestRedis.address())).contains(TestRedis.password());
    }

    @Test
    void aWrongRedisPasswordOrOneInTheUrlIsRefusedAndNothingIsKept() throws Exception {
        RealEnvironment.requireRedis();
        anAccount();
        String withPassword = TestRedis.url().replace(TestRedis.user() + "@", TestRedis.user() + ":secret-in-url@");
        CliRunner.Run inUrl = run("outputs", "add", "redis", "--profile", profile, withPassword);
        assertThat(inUrl.exitCode()).isEqualTo(2);
        assertThat(inUrl.err()).contains("Put no password in the Redis URL").doesNotContain("secret-in-url");

        cli.with("REDISCLI_AUTH", "not-the-password");
        CliRunner.Run wrong = run("outputs", "add", "redis", "--profile", profile, TestRedis.url());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("refused the user name or password", "Nothing was added");

        assertThat(run("outputs", "list", "--profile", profile).out()).contains("hands its token to no output");
        assertThat(new RedisPasswords(keychain).read(TestRedis.address())).isEmpty();
    }
}
