package dev.tokentray.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import dev.tokentray.vault.KeychainException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Redis, for bots on other machines: on each new token, in one transaction,
 * <pre>
 * SET    {prefix}:{user_id}:access_token TOKEN EXAT exp
 * HSET   {prefix}:{user_id}:token_meta user_id, user_name, issued_at, expires_at, profile, host[, trigger]
 * EXPIREAT {prefix}:{user_id}:token_meta exp
 * PUBLISH {prefix}:token_renewed {"user_id": ..., "expires_at": ...}
 * </pre>
 * so that a reader never sees the new token with the old metadata, and both vanish when the token
 * dies. The message never holds the token: subscribers read the key.
 */
final class RedisOutput implements TokenOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The connection's bound, and the keychain's read of the password. */
    private static final Duration TIMEOUT = RedisConnector.BOUND.plusSeconds(10);

    private final RedisOutputConfig config;
    private final RedisConnector connector;

    RedisOutput(RedisOutputConfig config, RedisConnector connector) {
        this.config = config;
        this.connector = connector;
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
        String user = userId(value);
        long expiry = value.expiresAt().getEpochSecond();
        String meta = config.prefix() + ":" + user + ":token_meta";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", user);
        fields.put("user_name", value.userName());
        fields.put("issued_at", TimeText.iso(value.issuedAt()));
        fields.put("expires_at", TimeText.iso(value.expiresAt()));
        fields.put("profile", token.profile());
        fields.put("host", token.host());
        token.trigger().ifPresent(trigger -> fields.put("trigger", trigger.name().toLowerCase(Locale.ROOT)));
        String message = JSON.createObjectNode().put("user_id", user).put("expires_at", TimeText.iso(value.expiresAt()))
                .toString();
        withRedis(jedis -> {
            Transaction transaction = jedis.multi();
            transaction.set(tokenKey(user), value.value().reveal(), SetParams.setParams().exAt(expiry));
            transaction.del(meta); // no field of an older token stays behind
            transaction.hset(meta, fields);
            transaction.expireAt(meta, expiry);
            transaction.publish(config.prefix() + ":token_renewed", message);
            for (Object result : transaction.exec()) {
                if (result instanceof JedisDataException refused) {
                    throw refused;
                }
            }
            return null;
        });
    }

    /** Behind when the key is missing (expired, or a Redis that restarted without saving) or holds another token. */
    @Override
    public boolean isBehind(AccessToken token) throws OutputException {
        String key = tokenKey(userId(token));
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

    private String tokenKey(String user) {
        return config.prefix() + ":" + user + ":access_token";
    }

    private static String userId(AccessToken token) throws OutputException {
        if (token.userId().isBlank()) {
            throw new OutputException("The token carries no Upstox user id, which the Redis keys are named by:"
                    + " log in again (Renew now, or `upstox-token-tray refresh`).");
        }
        return token.userId();
    }
}
