package dev.tokentray.shared;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisTokens;
import dev.tokentray.vault.KeychainException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Renewals asked for through Redis, by a machine that follows the account without its credentials
 * ("Renew now" there): the renewer subscribes to {@code {prefix}:renew_request}, and a message that
 * is exactly its account's Upstox user id makes it renew now, as the trader's "Renew now" would: through
 * the lease like every login, and under every stop and wait (the request carries no confirmation, so
 * a rejected value stays stopped). Any other message is not for it. Lost subscriptions come back,
 * after 1, 2, 4 ... s (at most a minute).
 */
public final class RenewRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewRequests.class);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final RedisConnector connector;
    private final RedisAddress address;
    private final String channel;
    private final Supplier<Optional<String>> account;
    private final Runnable renew;
    private final Listener listener = new Listener();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Subscribes on a thread of {@code threads}.
     *
     * @param account the account's Upstox user id now, if it is known (from its stored token)
     * @param renew   asks the renewal for a login now; returns at once
     */
    public static RenewRequests start(RedisConnector connector, RedisAddress address, String prefix,
            Supplier<Optional<String>> account, Runnable renew, ThreadFactory threads) {
        return new RenewRequests(connector, address, channel(prefix), account,
                renew, threads);
    }

    /**
     * Asks the renewer of the account {@code userId} to renew now (the other end of this class: a
     * machine that follows the account from Redis). The app's Redis user needs PUBLISH on the prefix's
     * channels.
     *
     * @return how many subscribers heard it (every renewer with --redis and this prefix hears it, and
     *         only that account's renews)
     */
    public static long ask(Jedis jedis, String prefix, String userId) {
        return jedis.publish(channel(prefix), userId);
    }

    /** {@code {prefix}:renew_request}: a message on it is the user id of the account to renew. */
    public static String channel(String prefix) {
        return new SharedKeys(new RedisTokens(prefix)).renewRequests();
    }

    private RenewRequests(RedisConnector connector, RedisAddress address, String channel,
            Supplier<Optional<String>> account, Runnable renew, ThreadFactory threads) {
        this.connector = connector;
        this.address = address;
        this.channel = channel;
        this.account = account;
        this.renew = renew;
        this.thread = threads.newThread(this::listen);
        thread.start();
    }

    private void listen() {
        Duration pause = Duration.ofSeconds(1);
        boolean told = false;
        while (!closed) {
            try (Jedis jedis = connector.connect(address)) {
                LOG.info("Listening for renew requests on {} at {}", channel, address);
                told = false;
                pause = Duration.ofSeconds(1);
                jedis.subscribe(listener, channel); // returns when unsubscribed, throws when the connection breaks
            } catch (JedisException | KeychainException e) {
                if (closed) {
                    return;
                }
                if (!told) {
                    told = true;
                    LOG.warn("Not listening for renew requests on {}: {}", channel, e instanceof JedisException jedis
                            ? RedisConnector.explain(address, jedis) : e.getMessage());
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (listener.isSubscribed()) {
            try {
                listener.unsubscribe();
            } catch (JedisException e) {
                // the connection is gone already
            }
        }
        thread.interrupt();
    }

    private final class Listener extends JedisPubSub {
        @Override
        public void onMessage(String from, String message) {
            if (account.get().filter(message.strip()::equals).isPresent()) {
                LOG.info("A renewal of {} was asked for through Redis", message.strip());
                renew.run();
            }
        }
    }
}
