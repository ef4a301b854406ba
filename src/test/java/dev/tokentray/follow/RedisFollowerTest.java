package dev.tokentray.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.output.RedisRenewerStandIn;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.RedisChannel;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.testsupport.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Following an account against the real redis-server of the test command: the token as the real
 * Redis output writes it, read as the ACL user {@code follower} (read, subscribe, publish only)
 * with its password from a keychain; the renewals announced; Redis stopped and started again.
 */
class RedisFollowerTest {
    private static final Duration SOON = Duration.ofSeconds(15);

    private final String prefix = "follow-" + UUID.randomUUID().toString().substring(0, 8);
    private final InMemorySecretStore keychain = new InMemorySecretStore();
    private final List<Optional<AccessToken>> reads = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private RedisRenewerStandIn renewer;
    private RedisFollower follower;

    @BeforeEach
    void redis() throws Exception {
        RealEnvironment.requireRedis();
        renewer = new RedisRenewerStandIn(prefix);
        new RedisPasswords(keychain).save(RedisAddress.parse(TestRedis.followerUrl()), TestRedis.followerPassword());
    }

    @AfterEach
    void stop() throws Exception {
        if (follower != null) {
            follower.close();
        }
        scheduler.close();
        if (TestRedis.answers()) {
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    private FollowedRedis tokens() {
        return new FollowedRedis(RedisFollow.of(TestRedis.followerUrl(), prefix, RedisRenewerStandIn.USER_ID),
                new RedisConnector(new RedisPasswords(keychain)), Clock.systemUTC());
    }

    private void follow(Duration pingEvery) {
        follower = new RedisFollower(tokens(), new RedisConnector(new RedisPasswords(keychain)),
                new RedisFollower.Listener() {
                    @Override
                    public void read(Optional<AccessToken> token) {
                        reads.add(token);
                    }

                    @Override
                    public void unreachable(String why, Duration retryIn) {
                        problems.add(why);
                    }
                }, Thread.ofPlatform().daemon().name("follower").factory(), scheduler, pingEvery);
        follower.start();
    }

    private Optional<Secret> lastRead() {
        return reads.isEmpty() ? Optional.empty() : reads.getLast().map(AccessToken::value);
    }

    @Test
    void readsTheTokenTheOutputWroteWithItsMetadata() throws Exception {
        AccessToken written = renewer.renew(Duration.ofHours(3));

        AccessToken read = tokens().read().orElseThrow();

        assertThat(read.value()).isEqualTo(written.value());
        assertThat(read.expiresAt()).isEqualTo(written.expiresAt());
        assertThat(read.issuedAt()).isEqualTo(written.issuedAt());
        assertThat(read.userId()).isEqualTo(RedisRenewerStandIn.USER_ID);
        assertThat(read.userName()).isEqualTo(RedisRenewerStandIn.USER_NAME);
    }

    @Test
    void noKeyIsNoToken() throws Exception {
        assertThat(tokens().read()).isEmpty();
    }

    @Test
    void aTokenWhoseKeyExpiredIsGone() throws Exception {
        renewer.renew(Duration.ofSeconds(2));
        assertThat(tokens().read()).isPresent();
        Poll.until("the key to expire", SOON, () -> tokens().read().isEmpty());
    }

    @Test
    void aWrongPasswordIsSaidWithoutIt() throws Exception {
        new RedisPasswords(keychain).save(RedisAddress.parse(TestRedis.followerUrl()), Secret.of("not-the-password"));
        assertThatThrownBy(() -> tokens().read()).isInstanceOf(FollowException.class)
                .hasMessageContaining("refused the user name or password").hasMessageNotContaining("not-the-password");
    }

    @Test
    void aRenewalRequestIsPublishedWithTheUserIdAlone() throws Exception {
        try (RedisChannel requests = new RedisChannel(prefix + ":renew_request")) {
            assertThat(tokens().requestRenewal()).isEqualTo(1);
            Poll.until("the request", SOON, () -> !requests.messages.isEmpty());
            assertThat(requests.messages).containsExactly(RedisRenewerStandIn.USER_ID);
        }
    }

    @Test
    void followsEachNewTokenFromTheFirstRead() throws Exception {
        AccessToken first = renewer.renew(Duration.ofHours(3));
        follow(Duration.ofSeconds(30));
        Poll.until("the first read", SOON, () -> lastRead().equals(Optional.of(first.value())));

        AccessToken second = renewer.renew(Duration.ofHours(3));

        Poll.until("the new token", SOON, () -> lastRead().equals(Optional.of(second.value())));
        assertThat(problems).isEmpty();
    }

    @Test
    void followsAgainAfterRedisRestartedAndReadsWhatItMissed() throws Exception {
        renewer.renew(Duration.ofHours(3));
        follow(Duration.ofSeconds(30));
        Poll.until("the first read", SOON, () -> lastRead().isPresent());

        TestRedis.stop();
        // Three failed tries: the next is 4 s away (1, 2, 4 s), time to start Redis and write a token the
        // follower cannot hear of, since it is not subscribed: only its read at its return finds it.
        Poll.until("the follower to try three times", SOON, () -> problems.size() >= 3);
        assertThat(problems.getFirst()).contains("cannot be reached");
        TestRedis.start();
        AccessToken missed = renewer.renew(Duration.ofHours(3));

        Poll.until("the token written while it was away", Duration.ofSeconds(30),
                () -> lastRead().equals(Optional.of(missed.value())));
        AccessToken next = renewer.renew(Duration.ofHours(3));
        Poll.until("the next token, announced", SOON, () -> lastRead().equals(Optional.of(next.value())));
    }

    @Test
    void dropsASubscriptionThatStoppedAnsweringAndFollowsAgain() throws Exception {
        renewer.renew(Duration.ofHours(3));
        follow(Duration.ofSeconds(1));
        Poll.until("the first read", SOON, () -> lastRead().isPresent());
        String pid = Files.readString(Path.of(System.getenv("TOKENTRAY_TEST_REDIS_CONF")).resolveSibling("redis.pid"))
                .strip();

        // A server that stops answering without closing anything, as one behind a laptop's sleep or a changed network.
        Commands.run(SOON, "kill", "-STOP", pid);
        try {
            Poll.until("the follower to drop the silent connection", SOON, () -> !problems.isEmpty());
        } finally {
            Commands.run(SOON, "kill", "-CONT", pid);
        }
        AccessToken next = renewer.renew(Duration.ofHours(3));
        Poll.until("the next token", Duration.ofSeconds(30), () -> lastRead().equals(Optional.of(next.value())));
    }
}
