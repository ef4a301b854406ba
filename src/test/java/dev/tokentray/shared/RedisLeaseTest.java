package dev.tokentray.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.vault.InMemorySecretStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The login lease against the test command's real Redis, as the app's ACL user: taken once, lapsing, kept, and only its holder's. */
class RedisLeaseTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private final String key = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":AB1234:login_lease";
    private Jedis jedis;

    @BeforeEach
    void connect() throws Exception {
        RealEnvironment.requireRedis();
        InMemorySecretStore keychain = new InMemorySecretStore();
        new RedisPasswords(keychain).save(TestRedis.address(), TestRedis.password());
        jedis = new RedisConnector(new RedisPasswords(keychain)).connect(TestRedis.address());
    }

    @AfterEach
    void clean() {
        if (jedis != null) {
            try (Jedis admin = TestRedis.admin()) {
                admin.del(key);
            }
            jedis.close();
        }
    }

    @Test
    void onlyOneTakesItUntilItIsReleased() {
        RedisLease first = RedisLease.tryTake(jedis, key, "host-a/1", LONG).orElseThrow();

        assertThat(RedisLease.tryTake(jedis, key, "host-b/2", LONG)).isEmpty();
        assertThat(first.value()).startsWith("host-a/1/");
        assertThat(first.release(jedis)).isTrue();
        assertThat(RedisLease.tryTake(jedis, key, "host-b/2", LONG)).isPresent();
    }

    @Test
    void itLapsesByItselfWhenItsHolderStopsExtendingIt() throws Exception {
        RedisLease dead = RedisLease.tryTake(jedis, key, "host-a/1", Duration.ofMillis(300)).orElseThrow();

        Poll.until("another to take the lapsed lease", Duration.ofSeconds(5),
                () -> RedisLease.tryTake(jedis, key, "host-b/2", LONG).isPresent());
        assertThat(dead.extend(jedis, LONG)).as("the lapsed holder cannot take it back").isFalse();
        assertThat(dead.release(jedis)).as("nor delete the new holder's").isFalse();
        assertThat(jedis.get(key)).startsWith("host-b/2/");
    }

    @Test
    void extendingKeepsItPastItsFirstTtl() throws Exception {
        RedisLease held = RedisLease.tryTake(jedis, key, "host-a/1", Duration.ofMillis(500)).orElseThrow();

        assertThat(held.extend(jedis, LONG)).isTrue();
        assertThat(pttl()).isGreaterThan(Duration.ofSeconds(20).toMillis());
        assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> RedisLease.tryTake(jedis, key, "host-b/2", LONG).isEmpty()))
                .as("nobody takes it while it is extended").isTrue();
    }

    @Test
    void anotherThanItsHolderCanNeitherDeleteNorExtendIt() {
        RedisLease held = RedisLease.tryTake(jedis, key, "host-a/1", LONG).orElseThrow();
        RedisLease impostor = new RedisLease(key, "host-b/2/0123");
        long ttl = pttl();

        assertThat(impostor.release(jedis)).isFalse();
        assertThat(impostor.extend(jedis, Duration.ofHours(1))).isFalse();
        assertThat(jedis.get(key)).isEqualTo(held.value());
        assertThat(pttl()).isLessThanOrEqualTo(ttl);
    }

    /** Read as the tests' admin: the app's user may not (its ACL has only what the app sends). */
    private long pttl() {
        try (Jedis admin = TestRedis.admin()) {
            return admin.pttl(key);
        }
    }
}
