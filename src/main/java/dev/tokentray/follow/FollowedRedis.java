package dev.tokentray.follow;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.shared.RenewRequests;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.time.Clock;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis of a followed account: its token as another machine's Redis output or renewer left it
 * (read as they wrote it, through {@link dev.tokentray.redis.RedisTokens}), and the request for a
 * new one ({@link RenewRequests#ask}, which that renewer listens to). One connection per call, as
 * the output does: a few calls a day.
 */
public final class FollowedRedis {
    /** Opens a connection to the server, authenticated. */
    @FunctionalInterface
    private interface Connections {
        Jedis open(RedisAddress address) throws KeychainException;
    }

    private final RedisFollow follow;
    private final Connections connections;
    private final Clock clock;

    /** With the password the keychain holds for the server and user. */
    public FollowedRedis(RedisFollow follow, RedisConnector connector, Clock clock) {
        this(follow, connector::connect, clock);
    }

    private FollowedRedis(RedisFollow follow, Connections connections, Clock clock) {
        this.follow = follow;
        this.connections = connections;
        this.clock = clock;
    }

    /** With a password not (yet) in the keychain: to check it before it is stored. */
    public static FollowedRedis withPassword(RedisFollow follow, Optional<Secret> password, Clock clock) {
        return new FollowedRedis(follow, address -> RedisConnector.connect(address, password), clock);
    }

    public RedisFollow follow() {
        return follow;
    }

    /** The token; empty when the key is gone, which it is once the token expired (the writer sets it to expire with it). */
    public Optional<AccessToken> read() throws FollowException, KeychainException {
        return withRedis(jedis -> follow.tokens().read(jedis, follow.userId(), clock.instant()));
    }

    /**
     * Asks the renewer (the headless renewer with {@code --redis}) for a new token. It renews under
     * its lease, and the new token comes back through the key and {@code token_renewed}.
     *
     * @return how many listened: 0 means no renewer heard it
     */
    public long requestRenewal() throws FollowException, KeychainException {
        return withRedis(jedis -> RenewRequests.ask(jedis, follow.prefix(), follow.userId()));
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
            throw new FollowException(explain(follow, e), !(e instanceof JedisConnectionException), e);
        }
    }
}
