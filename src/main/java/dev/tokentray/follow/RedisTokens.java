package dev.tokentray.follow;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A followed account's token as another machine's Redis output left it, and the request for a new
 * one. One connection per call, as the output does: a few calls a day.
 */
public final class RedisTokens {
    /** Opens a connection to the server, authenticated. */
    @FunctionalInterface
    private interface Connections {
        Jedis open(RedisAddress address) throws KeychainException;
    }

    private final RedisFollow follow;
    private final Connections connections;
    private final Clock clock;

    /** With the password the keychain holds for the server and user. */
    public RedisTokens(RedisFollow follow, RedisConnector connector, Clock clock) {
        this(follow, connector::connect, clock);
    }

    private RedisTokens(RedisFollow follow, Connections connections, Clock clock) {
        this.follow = follow;
        this.connections = connections;
        this.clock = clock;
    }

    /** With a password not (yet) in the keychain: to check it before it is stored. */
    public static RedisTokens withPassword(RedisFollow follow, Optional<Secret> password, Clock clock) {
        return new RedisTokens(follow, address -> RedisConnector.connect(address, password), clock);
    }

    public RedisFollow follow() {
        return follow;
    }

    /**
     * The token and its metadata, read in one transaction (the output writes both in one); empty when
     * the key is gone, which it is once the token expired (the output sets it to expire with it).
     */
    public Optional<AccessToken> read() throws FollowException, KeychainException {
        return withRedis(jedis -> {
            Transaction transaction = jedis.multi();
            Response<String> value = transaction.get(follow.tokenKey());
            Response<Map<String, String>> meta = transaction.hgetAll(follow.metaKey());
            transaction.exec();
            return Optional.ofNullable(value.get()).map(token -> token(Secret.of(token), meta.get()));
        });
    }

    /**
     * Asks the renewer (the headless renewer with {@code --redis}) for a new token: {@code PUBLISH
     * {prefix}:renew_request USER_ID}. It renews under its lease, and the new token comes back
     * through the key and {@code token_renewed}.
     *
     * @return how many listened: 0 means no renewer heard it
     */
    public long requestRenewal() throws FollowException, KeychainException {
        return withRedis(jedis -> jedis.publish(follow.renewRequestChannel(), follow.userId()));
    }

    /** The metadata's times where it has them (the JWT's otherwise), and the user name. */
    private AccessToken token(Secret value, Map<String, String> meta) {
        AccessToken fromJwt = AccessToken.issued(value, clock.instant(), follow.userId(), meta.getOrDefault("user_name", ""));
        return new AccessToken(value, time(meta.get("issued_at")).orElse(fromJwt.issuedAt()),
                time(meta.get("expires_at")).orElse(fromJwt.expiresAt()), follow.userId(), fromJwt.userName());
    }

    private static Optional<Instant> time(String iso) {
        try {
            return Optional.ofNullable(iso).map(text -> OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Why Redis failed the follower, with the command that stores its password and the rights it needs. */
    static String explain(RedisFollow follow, JedisException failure) {
        return RedisConnector.explain(follow.address(), failure, "follow",
                "GET, HGETALL, MULTI, EXEC, SUBSCRIBE and PUBLISH on the prefix's keys and channels");
    }

    @FunctionalInterface
    private interface RedisWork<T> {
        T run(Jedis jedis);
    }

    private <T> T withRedis(RedisWork<T> work) throws FollowException, KeychainException {
        try (Jedis jedis = connections.open(follow.address())) {
            return work.run(jedis);
        } catch (JedisException e) {
            throw new FollowException(explain(follow, e),
                    !(e instanceof JedisConnectionException), e);
        }
    }
}
