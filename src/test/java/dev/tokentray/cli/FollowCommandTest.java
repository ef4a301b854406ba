package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.output.RedisRenewerStandIn;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.RedisChannel;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeyringSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code token --from-redis}, {@code exec --from-redis} and a profile that follows Redis
 * ({@code follow}), in this JVM, with the real keychain and the test command's Redis, read as its
 * ACL user {@code follower}; the token another machine put there with the real Redis output.
 */
class FollowCommandTest {
    private static final String KEYCHAIN_SERVICE = "upstox-token-tray-test";
    private static final Duration SOON = Duration.ofSeconds(15);

    @TempDir
    Path home;

    @TempDir
    Path work;

    private final String profile = "follow-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private final KeyringSecretStore keychain = new KeyringSecretStore(KEYCHAIN_SERVICE);
    private RedisRenewerStandIn renewer;
    private CliRunner cli;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        RealEnvironment.requireRedis();
        renewer = new RedisRenewerStandIn(prefix);
        cli = new CliRunner(home, () -> keychain, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (renewer != null) {
            new RedisPasswords(keychain).delete(RedisAddress.parse(TestRedis.followerUrl()));
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    private void storePassword() throws Exception {
        new RedisPasswords(keychain).save(RedisAddress.parse(TestRedis.followerUrl()), TestRedis.followerPassword());
    }

    private CliRunner.Run token() {
        return cli.run("token", "--from-redis", TestRedis.followerUrl(), "--user-id", RedisRenewerStandIn.USER_ID,
                "--redis-prefix", prefix);
    }

    @Test
    void tokenFromRedisPrintsTheTokenThereWithThePasswordFromTheKeychain() throws Exception {
        storePassword();
        AccessToken written = renewer.renew(Duration.ofHours(3));

        CliRunner.Run run = token();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(written.value().reveal() + "\n");
        assertThat(run.err()).isEmpty();
        CliRunner.Run verbose = cli.run("token", "--verbose", "--from-redis", TestRedis.followerUrl(), "--user-id",
                RedisRenewerStandIn.USER_ID, "--redis-prefix", prefix);
        assertThat(verbose.err()).doesNotContain(written.value().reveal(), TestRedis.followerPassword().reveal());
        assertNoSecretIn(home, written.value().reveal(), TestRedis.followerPassword().reveal());
    }

    @Test
    void noTokenInRedisIsNoUsableToken() throws Exception {
        storePassword();

        CliRunner.Run run = token();

        assertThat(run.exitCode()).isEqualTo(ExitCode.NEEDS_THE_TRADER.code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Redis has no token of " + RedisRenewerStandIn.USER_ID, "follow --renew-now");
    }

    @Test
    void aKeyThatExpiredAndATokenThatDiedInAKeyWithoutExpiryAreNoUsableToken() throws Exception {
        storePassword();
        renewer.renew(Duration.ofSeconds(2));
        assertThat(token().exitCode()).isZero();
        Poll.until("the key to expire", SOON, () -> token().exitCode() == ExitCode.NEEDS_THE_TRADER.code);

        // Written by another tool, without an expiry: the metadata says it died.
        try (Jedis admin = TestRedis.admin()) {
            admin.set(prefix + ":" + RedisRenewerStandIn.USER_ID + ":access_token", "an-old-token");
            admin.hset(prefix + ":" + RedisRenewerStandIn.USER_ID + ":token_meta", "expires_at",
                    "2026-01-01T03:30:00+05:30");
        }
        CliRunner.Run expired = token();
        assertThat(expired.exitCode()).isEqualTo(ExitCode.NEEDS_THE_TRADER.code);
        assertThat(expired.out()).isEmpty();
        assertThat(expired.err()).contains("expired at").doesNotContain("an-old-token");
    }

    @Test
    void withoutItsPasswordTheUserIsRefusedWithAClearMessage() throws Exception {
        renewer.renew(Duration.ofHours(3));

        CliRunner.Run run = token();

        assertThat(run.exitCode()).isEqualTo(ExitCode.NETWORK_OR_SERVICE.code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Redis at 127.0.0.1:" + TestRedis.port() + " wants a password, and none is stored:"
                + " store it with `upstox-token-tray follow " + TestRedis.followerUrl() + " --password-stdin`");
    }

    @Test
    void aRedisThatIsNotThereIsSaidClearly() throws Exception {
        int nothingListens = FreePort.pick();

        CliRunner.Run run = cli.run("token", "--from-redis", "redis://follower@127.0.0.1:" + nothingListens + "/0",
                "--user-id", RedisRenewerStandIn.USER_ID);

        assertThat(run.exitCode()).isEqualTo(ExitCode.NETWORK_OR_SERVICE.code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Redis at 127.0.0.1:" + nothingListens + " cannot be reached (connection refused)");
    }

    @Test
    void execFromRedisHandsTheTokenInTheEnvironmentAndPassesTheExitCodeOn() throws Exception {
        storePassword();
        AccessToken written = renewer.renew(Duration.ofHours(3));
        Path started = work.resolve("started");
        cli.with("WANT", written.value().reveal());
        String bot = "test \"$UPSTOX_ACCESS_TOKEN\" = \"$WANT\" && test -n \"$UPSTOX_TOKEN_EXPIRES_AT\" && exit 7; exit 1";

        CliRunner.Run run = cli.run("exec", "--from-redis", TestRedis.followerUrl(), "--user-id",
                RedisRenewerStandIn.USER_ID, "--redis-prefix", prefix, "--", "sh", "-c", bot);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(7);
        try (Jedis admin = TestRedis.admin()) {
            admin.del(prefix + ":" + RedisRenewerStandIn.USER_ID + ":access_token");
        }
        CliRunner.Run none = cli.run("exec", "--from-redis", TestRedis.followerUrl(), "--user-id",
                RedisRenewerStandIn.USER_ID, "--redis-prefix", prefix, "--", "touch", started.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCode.NEEDS_THE_TRADER.code);
        assertThat(started).as("the command is not started without a token").doesNotExist();
    }

    @Test
    void aProfileThatFollowsRedisGivesItsTokenStatusAndExecAndAsksForARenewal() throws Exception {
        AccessToken written = renewer.renew(Duration.ofHours(3));
        cli.with(RedisPasswords.VARIABLE, TestRedis.followerPassword().reveal());

        CliRunner.Run follow = cli.run("follow", TestRedis.followerUrl(), "--user-id", RedisRenewerStandIn.USER_ID,
                "--prefix", prefix, "--profile", profile);
        cli.with(RedisPasswords.VARIABLE, "");

        assertThat(follow.exitCode()).as(follow.err()).isZero();
        assertThat(follow.out()).contains("Profile '" + profile + "' follows SIM001's token in Redis at 127.0.0.1:",
                "a token valid until");
        assertThat(cli.run("token", "--profile", profile).out()).isEqualTo(written.value().reveal() + "\n");
        String status = cli.run("status", "--profile", profile).out();
        assertThat(status).contains("Token:        valid, 2 h 59 min left", "User:         Simulated Trader (SIM001)",
                "Follows:      SIM001's token in Redis", "Credentials:  none: this profile follows Redis");
        JsonNode json = new ObjectMapper().readTree(cli.run("status", "--json", "--profile", profile).out());
        assertThat(json.path("state").asText()).isEqualTo("VALID");
        assertThat(json.path("follows").path("user_id").asText()).isEqualTo("SIM001");
        CliRunner.Run accounts = cli.run("accounts");
        assertThat(accounts.exitCode()).as(accounts.err()).isZero();
        assertThat(accounts.out()).containsPattern("(?m)^" + profile + " +- +SIM001 +VALID .*\\(follows SIM001's token in"
                + " Redis at 127\\.0\\.0\\.1:\\d+\\)$");
        JsonNode listed = new ObjectMapper().readTree(cli.run("accounts", "--json").out());
        assertThat(listed).singleElement().satisfies(account -> {
            assertThat(account.path("profile").asText()).isEqualTo(profile);
            assertThat(account.path("state").asText()).isEqualTo("VALID");
            assertThat(account.path("follows").path("prefix").asText()).isEqualTo(prefix);
        });
        cli.with("WANT", written.value().reveal());
        assertThat(cli.run("exec", "--profile", profile, "--", "sh", "-c", "test \"$UPSTOX_ACCESS_TOKEN\" = \"$WANT\" && exit 3")
                .exitCode()).isEqualTo(3);

        CliRunner.Run unheard = cli.run("follow", "--renew-now", "--profile", profile);
        assertThat(unheard.exitCode()).isEqualTo(ExitCode.NETWORK_OR_SERVICE.code);
        assertThat(unheard.err()).contains("No renewer listens on " + prefix + ":renew_request");
        try (RedisChannel requests = new RedisChannel(prefix + ":renew_request")) {
            CliRunner.Run asked = cli.run("follow", "--renew-now", "--profile", profile);
            assertThat(asked.exitCode()).as(asked.err()).isZero();
            Poll.until("the request", SOON, () -> !requests.messages.isEmpty());
            assertThat(requests.messages).containsExactly(RedisRenewerStandIn.USER_ID);
        }

        assertThat(cli.run("follow", "--stop", "--profile", profile).exitCode()).isZero();
        assertThat(cli.run("accounts").out()).as("no account is left of it").doesNotContain(profile);
        CliRunner.Run gone = cli.run("status", "--profile", profile);
        assertThat(gone.exitCode()).isEqualTo(ExitCode.NO_CREDENTIALS.code);
        assertThat(gone.out()).doesNotContain("Follows:");
        assertNoSecretIn(home, written.value().reveal(), TestRedis.followerPassword().reveal());
    }

    @Test
    void aWrongPasswordFollowsNothingAndIsNotKept() throws Exception {
        cli.with(RedisPasswords.VARIABLE, "not-the-password");

        CliRunner.Run follow = cli.run("follow", TestRedis.followerUrl(), "--user-id", RedisRenewerStandIn.USER_ID,
                "--prefix", prefix, "--profile", profile);

        assertThat(follow.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(follow.err()).contains("refused the user name or password", "The profile follows nothing")
                .doesNotContain("not-the-password");
        assertThat(new RedisPasswords(keychain).read(RedisAddress.parse(TestRedis.followerUrl()))).isEmpty();
        assertThat(cli.run("accounts").out()).as("no account is left of it").doesNotContain(profile);
        CliRunner.Run gone = cli.run("status", "--profile", profile);
        assertThat(gone.exitCode()).isEqualTo(ExitCode.NO_CREDENTIALS.code);
        assertThat(gone.out()).doesNotContain("Follows:");
    }

    /** Every file the app wrote (settings, logs, state), searched for the token and the password. */
    private static void assertNoSecretIn(Path folder, String... secrets) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secrets);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
