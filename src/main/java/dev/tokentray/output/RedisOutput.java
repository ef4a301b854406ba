package dev.tokentray.output;

import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisTokens;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Redis, for bots on other machines: each new token written as {@link RedisTokens} says. */
final class RedisOutput implements TokenOutput {
    /** The connection's bound, and the keychain's read of the password. */
    private static final Duration TIMEOUT = RedisConnector.BOUND.plusSeconds(10);

    private final RedisOutputConfig config;
    private final RedisConnector connector;
    private final RedisTokens tokens;

    RedisOutput(RedisOutputConfig config, RedisConnector connector) {
        this.config = config;
        this.connector = connector;
        this.tokens = new RedisTokens(config.prefix());
    }

    @Override
    public String describe() {
        return "Redis at " + config.address();
    }

    @Override
    public Duration timeout() {
        return TIMEOUT;
    }

    @Override
    public void deliver(NewToken token) throws OutputException {
        AccessToken value = token.token();
        userId(value);
        Map<String, String> origin = new LinkedHashMap<>();
        origin.put("profile", token.profile());
        origin.put("host", token.host());
        token.trigger().ifPresent(trigger -> origin.put("trigger", trigger.name().toLowerCase(Locale.ROOT)));
        withRedis(jedis -> {
            tokens.write(jedis, value, origin);
            return null;
        });
    }

    /** Behind when the key is missing (expired, or a Redis that restarted without saving) or holds another token. */
    @Override
    public boolean isBehind(AccessToken token) throws OutputException {
        String key = tokens.tokenKey(userId(token));
        String stored = withRedis(jedis -> jedis.get(key));
        return stored == null || !token.value().equals(Secret.of(stored));
    }

    @FunctionalInterface
    private interface RedisWork<T> {
        T run(Jedis jedis);
    }

    private <T> T withRedis(RedisWork<T> work) throws OutputException {
        try (Jedis jedis = connector.connect(config.address())) {
            return work.run(jedis);
        } catch (JedisException e) {
            throw new OutputException(RedisConnector.explain(config.address(), e), e);
        } catch (KeychainException e) {
            throw new OutputException("The password of " + describe() + " cannot be read from the keychain: "
                    + e.getMessage(), e);
        }
    }

    private static String userId(AccessToken token) throws OutputException {
        if (token.userId().isBlank()) {
            throw new OutputException("The token carries no Upstox user id, which the Redis keys are named by:"
                    + " log in again (Renew now, or `upstox-token-tray refresh`).");
        }
        return token.userId();
    }
}
