package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RedisChannel;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import dev.tokentray.vault.InMemorySecretStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis output against the real redis-server of the test command, as its ACL user {@code tray}
 * (which may run only the commands the output sends), with the password from a keychain.
 */
class RedisOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A prefix of its own per test: the keys and channel of one test are never another's. */
    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final InMemorySecretStore keychain = new InMemorySecretStore();
    private final RedisPasswords passwords = new RedisPasswords(keychain);
    private Jedis admin;

    @BeforeEach
    void connect() {
        RealEnvironment.requireRedis();
        admin = TestRedis.admin();
    }

    @AfterEach
    void clean() {
        if (admin != null) {
            admin.keys(prefix + ":*").forEach(admin::del);
            admin.close();
        }
    }

    private RedisOutput output(RedisAddress address) {
        return new RedisOutput(RedisOutputConfig.of(address, prefix), new RedisConnector(passwords));
    }

    @Test
    void aNewTokenIsSetWithItsExpiryBesideItsMetadataAndAnnouncedWithoutTheToken() throws Exception {
        passwords.save(TestRedis.address(), TestRedis.password());
        AccessToken token = Tokens.token(Instant.now(), Duration.ofHours(3));
        List<String> messages;
        try (RedisChannel channel = new RedisChannel(prefix + ":token_renewed")) {
            output(TestRedis.address()).deliver(Tokens.renewed(token));
            Poll.until("the message on the channel", Duration.ofSeconds(10), () -> !channel.messages.isEmpty());
            messages = channel.messages;
        }

        String tokenKey = prefix + ":" + Tokens.USER_ID + ":access_token";
        String metaKey = prefix + ":" + Tokens.USER_ID + ":token_meta";
        assertThat(admin.get(tokenKey)).isEqualTo(token.value().reveal());
        long lifetime = token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond();
        assertThat(admin.ttl(tokenKey)).isBetween(lifetime - 1, lifetime + 1);
        assertThat(admin.expireTime(tokenKey)).isEqualTo(token.expiresAt().getEpochSecond());
        assertThat(admin.expireTime(metaKey)).isEqualTo(token.expiresAt().getEpochSecond());
        assertThat(admin.hgetAll(metaKey)).isEqualTo(Map.of(
                "user_id", Tokens.USER_ID,
                "user_name", Tokens.USER_NAME,
                "issued_at", TimeText.iso(token.issuedAt()),
                "expires_at", TimeText.iso(token.expiresAt()),
                "profile", "default",
                "host", "test-host",
                "trigger", "automatic"));
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message).doesNotContain(token.value().reveal());
            JsonNode json = JSON.readTree(message);
            assertThat(json.path("user_id").asText()).isEqualTo(Tokens.USER_ID);
            assertThat(json.path("expires_at").asText()).isEqualTo(TimeText.iso(token.expiresAt()));
        });
    }

    @Test
    void theNextTokenReplacesTheKeyAndEveryFieldOfTheLast() throws Exception {
        passwords.save(TestRedis.address(), TestRedis.password());
        RedisOutput output = output(TestRedis.address());
        output.deliver(Tokens.renewed(Tokens.token()));
        AccessToken next = Tokens.token(Instant.now(), Duration.ofHours(5));

        output.deliver(new NewToken("default", next, Optional.empty(), "other-host"));

        assertThat(admin.get(prefix + ":" + Tokens.USER_ID + ":access_token")).isEqualTo(next.value().reveal());
        Map<String, String> meta = admin.hgetAll(prefix + ":" + Tokens.USER_ID + ":token_meta");
        assertThat(meta).containsEntry("host", "other-host").doesNotContainKey("trigger");
        assertThat(admin.expireTime(prefix + ":" + Tokens.USER_ID + ":token_meta")).isEqualTo(next.expiresAt().getEpochSecond());
    }

    @Test
    void isBehindUntilRedisHoldsThisToken() throws Exception {
        passwords.save(TestRedis.address(), TestRedis.password());
        RedisOutput output = output(TestRedis.address());
        AccessToken token = Tokens.token();
        assertThat(output.isBehind(token)).isTrue();

        output.deliver(Tokens.renewed(token));
        assertThat(output.isBehind(token)).isFalse();
        assertThat(output.isBehind(Tokens.token())).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedWithWhatToDoAndNothingIsWritten() throws Exception {
        passwords.save(TestRedis.address(), Secret.of("not-the-password"));

        assertThatThrownBy(() -> output(TestRedis.address()).deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("refused the user name or password (WRONGPASS)")
                .hasMessageContaining("outputs add redis " + TestRedis.address() + " --password-stdin");
        assertThat(admin.keys(prefix + ":*")).isEmpty();
    }

    @Test
    void noPasswordWhereOneIsNeededSaysSo() {
        assertThatThrownBy(() -> output(TestRedis.address()).deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("wants a password");
    }

    @Test
    void aUserWithoutTheRightsIsToldWhichRightsItNeeds() throws Exception {
        String user = "limited-" + prefix;
        Secret password = Secret.of(UUID.randomUUID().toString());
        admin.aclSetUser(user, "on", ">" + password.reveal(), "~*", "&*", "-@all", "+ping", "+multi", "+exec", "+set");
        try {
            RedisAddress limited = RedisAddress.parse("redis://" + user + "@127.0.0.1:" + TestRedis.port());
            passwords.save(limited, password);

            assertThatThrownBy(() -> output(limited).deliver(Tokens.renewed(Tokens.token())))
                    .isInstanceOf(OutputException.class)
                    .hasMessageContaining("does not let the user '" + user + "'")
                    .hasMessageContaining("README");
            assertThat(admin.keys(prefix + ":*")).as("nothing of the transaction").isEmpty();
        } finally {
            admin.aclDelUser(user);
        }
    }

    @Test
    void aRedisThatIsNotThereSaysSo() throws Exception {
        RedisAddress nowhere = RedisAddress.parse("redis://tray@127.0.0.1:" + FreePort.pick());

        assertThatThrownBy(() -> output(nowhere).deliver(Tokens.renewed(Tokens.token())))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("cannot be reached (connection refused)");
    }
}
