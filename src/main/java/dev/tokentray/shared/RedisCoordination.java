package dev.tokentray.shared;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisTokens;
import dev.tokentray.renew.CoordinationException;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.renew.LoginLock;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.Refusal;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.vault.KeychainException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The machines that renew one account, agreeing through the Redis they share: the one that takes
 * the lease {@code {prefix}:{user_id}:login_lease} logs in, the others wait for its token.
 *
 * <p>Never two logins in flight: a login runs only under the lease, which lapses {@link #TTL} after
 * its last extension, and its holder extends it every {@link #EXTEND_EVERY} (a third of the TTL, so
 * that two late extensions in a row on a busy machine still keep it) until the login has ended and
 * its outcome is in Redis. So while the holder lives and reaches Redis, no one else can take the
 * lease; when it dies (kill -9, a crash, a power cut) it stops extending and the lease lapses within
 * the TTL, and the next machine takes over, well within a minute. The one case left is a holder
 * that lives but cannot extend for a whole TTL (frozen, or cut off from Redis) while its login goes
 * on: another may then log in too. The harm is bounded to one extra login, never a rejected value
 * sent twice in a row by the schedule: every machine heeds the shared stops under the lease before
 * it logs in, and the holder publishes a rejection before it lets the lease go.
 *
 * <p>A waiter polls rather than subscribes to {@code token_renewed}: a message sent before it
 * subscribed is lost, and it must notice a lease that lapsed (a dead holder sends nothing) anyway,
 * which only asking Redis tells; one GET of the token beside it costs nothing.
 */
public final class RedisCoordination implements LoginCoordination {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCoordination.class);
    static final Duration TTL = Duration.ofSeconds(30);
    static final Duration EXTEND_EVERY = TTL.dividedBy(3);
    static final Duration POLL = Duration.ofMillis(250);

    private final RedisConnector connector;
    private final RedisAddress address;
    private final SharedKeys keys;
    private final String holder;
    private final Clock clock;
    private final ThreadFactory keepers;

    /**
     * @param host    this computer's name, in the lease's value and the token's metadata
     * @param keepers makes the thread that extends a lease while its login runs
     */
    public RedisCoordination(RedisConnector connector, RedisAddress address, String prefix, String host,
            Clock clock, ThreadFactory keepers) {
        this.connector = connector;
        this.address = address;
        this.keys = new SharedKeys(new RedisTokens(prefix));
        this.holder = host + "/" + ProcessHandle.current().pid();
        this.clock = clock;
        this.keepers = keepers;
    }

    @Override
    public Turn awaitTurn(String account, Predicate<AccessToken> fresh)
            throws CoordinationException, LoginRefusedException, InterruptedException {
        long deadline = System.nanoTime() + LoginLock.DEFAULT_WAIT.toNanos();
        boolean told = false;
        try (Jedis jedis = connect()) {
            while (true) {
                Optional<RedisLease> lease = RedisLease.tryTake(jedis, keys.lease(account), holder, TTL);
                if (lease.isPresent()) {
                    return new RedisLead(this, account, lease.get());
                }
                Optional<AccessToken> token = keys.tokens().read(jedis, account, clock.instant()).filter(fresh);
                if (token.isPresent()) {
                    return new Taken(token.get());
                }
                if (!told) {
                    told = true;
                    LOG.info("Another machine logs in for {} ({}); waiting for its token",
                            account, String.valueOf(jedis.get(keys.lease(account))).replaceFirst("/[0-9a-f]+$", ""));
                }
                if (System.nanoTime() > deadline) {
                    throw new LoginRefusedException(new Refusal(FailureKind.TRANSIENT, "Another machine's login of "
                            + account + " has held the lease in " + address + " for " + LoginLock.DEFAULT_WAIT.toMinutes()
                            + " minutes. Try again later."));
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (JedisException e) {
            throw unreachable(e);
        }
    }

    /** A connection, for one piece of work. */
    Jedis connect() throws CoordinationException {
        try {
            return connector.connect(address);
        } catch (KeychainException e) {
            throw new CoordinationException("The password of the Redis at " + address
                    + " cannot be read from the keychain: " + e.getMessage(), e);
        } catch (JedisException e) {
            throw unreachable(e);
        }
    }

    CoordinationException unreachable(JedisException e) {
        return new CoordinationException("The machines that renew this account cannot agree: "
                + RedisConnector.explain(address, e), e);
    }

    SharedKeys keys() {
        return keys;
    }

    Clock clock() {
        return clock;
    }

    String host() {
        return holder.substring(0, holder.lastIndexOf('/'));
    }

    Thread keeper(Runnable keeping) {
        return keepers.newThread(keeping);
    }
}
