package dev.tokentray.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * An account's token in Redis, under a prefix ({@code upstox} unless set), as the Redis output
 * writes it and the machines that share a Redis read it:
 * <pre>
 * SET    {prefix}:{user_id}:access_token TOKEN EXAT exp
 * HSET   {prefix}:{user_id}:token_meta user_id, user_name, issued_at, expires_at, profile, host[, trigger]
 * EXPIREAT {prefix}:{user_id}:token_meta exp
 * PUBLISH {prefix}:token_renewed {"user_id": ..., "expires_at": ...}
 * </pre>
 * in one transaction, so that a reader never sees the new token with the old metadata, and both
 * vanish when the token dies. The message never holds the token: subscribers read the key.
 */
public record RedisTokens(String prefix) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String tokenKey(String userId) {
        return prefix + ":" + userId + ":access_token";
    }

    public String metaKey(String userId) {
        return prefix + ":" + userId + ":token_meta";
    }

    /** The channel that hears of each new token. */
    public String renewedChannel() {
        return prefix + ":token_renewed";
    }

    /**
     * Writes the token, its metadata and the message.
     *
     * @param origin the metadata that say where it came from: {@code profile}, {@code host}, {@code trigger}
     * @throws JedisDataException when the server refused a command of the transaction
     */
    public void write(Jedis jedis, AccessToken token, Map<String, String> origin) {
        String user = token.userId();
        long expiry = token.expiresAt().getEpochSecond();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", user);
        fields.put("user_name", token.userName());
        fields.put("issued_at", TimeText.iso(token.issuedAt()));
        fields.put("expires_at", TimeText.iso(token.expiresAt()));
        fields.putAll(origin);
        String message = JSON.createObjectNode().put("user_id", user).put("expires_at", TimeText.iso(token.expiresAt()))
                .toString();
        Transaction transaction = jedis.multi();
        transaction.set(tokenKey(user), token.value().reveal(), SetParams.setParams().exAt(expiry));
        transaction.del(metaKey(user)); // no field of an older token stays behind
        transaction.hset(metaKey(user), fields);
        transaction.expireAt(metaKey(user), expiry);
        transaction.publish(renewedChannel(), message);
        for (Object result : transaction.exec()) {
            if (result instanceof JedisDataException refused) {
                throw refused;
            }
        }
    }

    /**
     * The token stored for the account, if one is (it vanishes when it dies), with its metadata, read
     * in one transaction as {@link #write} wrote them: the times the metadata say where they say them
     * (a token another tool wrote may be no JWT), else the JWT's.
     */
    public Optional<AccessToken> read(Jedis jedis, String userId, Instant now) {
        Transaction transaction = jedis.multi();
        Response<String> value = transaction.get(tokenKey(userId));
        Response<Map<String, String>> meta = transaction.hgetAll(metaKey(userId));
        transaction.exec();
        return Optional.ofNullable(value.get()).map(token -> {
            Map<String, String> fields = meta.get();
            AccessToken fromJwt = AccessToken.issued(Secret.of(token), now, userId, fields.getOrDefault("user_name", ""));
            return new AccessToken(fromJwt.value(), time(fields.get("issued_at")).orElse(fromJwt.issuedAt()),
                    time(fields.get("expires_at")).orElse(fromJwt.expiresAt()), userId, fromJwt.userName());
        });
    }

    private static Optional<Instant> time(String iso) {
        try {
            return Optional.ofNullable(iso).map(text -> OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
