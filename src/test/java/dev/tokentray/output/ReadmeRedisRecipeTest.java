package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.InMemorySecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The README's redis-py lines, run as a bot would run them (Debian's python3-redis, as the README's
 * ACL user for a bot) against the test command's Redis while the Redis output writes: they print
 * the token there, and the next one when it is announced.
 */
class ReadmeRedisRecipeTest {
    private static final Pattern PYTHON = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);
    /** The rights of the README's ACL line for a bot's own user: after its password, up to the line's end. */
    private static final Pattern BOT_USER = Pattern.compile("ACL SETUSER bot on >PASSWORD (.*)");
    private static final Duration A_WHILE = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    @Test
    void theReadmesPythonReadsTheTokenAndHearsTheNextOne() throws Exception {
        RealEnvironment.requireRedisFromPython();
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = PYTHON.matcher(readme);
        assertThat(block.find()).as("the README's Python").isTrue();
        Matcher botUser = BOT_USER.matcher(readme);
        assertThat(botUser.find()).as("the README's ACL line for a bot").isTrue();
        String user = "readme-bot-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        String recipe = block.group(1)
                .replace("rediss://bot@redis.example.com:6380/0", "redis://" + user + "@127.0.0.1:" + TestRedis.port() + "/0")
                .replace("AB1234", Tokens.USER_ID);
        InMemorySecretStore keychain = new InMemorySecretStore();
        new RedisPasswords(keychain).save(TestRedis.address(), TestRedis.password());
        RedisOutput redis = new RedisOutput(RedisOutputConfig.of(TestRedis.address(), RedisOutputConfig.DEFAULT_PREFIX),
                new RedisConnector(new RedisPasswords(keychain)));
        AccessToken first = Tokens.token(Instant.now(), Duration.ofHours(1));
        AccessToken next = Tokens.token(Instant.now(), Duration.ofHours(2));
        redis.deliver(Tokens.renewed(first));

        Path printed = folder.resolve("printed");
        ProcessBuilder bot = new ProcessBuilder(RealEnvironment.PYTHON, "-u", "-c", recipe).redirectOutput(printed.toFile())
                .redirectErrorStream(true);
        bot.environment().put("REDIS_PASSWORD", password);
        Process python;
        try (Jedis admin = TestRedis.admin()) {
            admin.aclSetUser(user, ("on >" + password + " " + botUser.group(1).strip()).split(" "));
            python = bot.start();
        }
        try {
            Poll.until("the token printed", A_WHILE, () -> Files.readString(printed).contains(first.value().reveal()));
            // Announced until heard: the bot subscribes a moment after it printed the first.
            Poll.until("the next token printed", A_WHILE, Duration.ofMillis(200), () -> {
                redis.deliver(Tokens.renewed(next));
                return Files.readString(printed).contains(next.value().reveal());
            });
        } finally {
            python.destroyForcibly();
            try (Jedis admin = TestRedis.admin()) {
                admin.aclDelUser(user);
                admin.del("upstox:" + Tokens.USER_ID + ":access_token", "upstox:" + Tokens.USER_ID + ":token_meta");
            }
        }
    }
}
