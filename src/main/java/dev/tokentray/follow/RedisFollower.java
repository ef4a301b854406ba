package dev.tokentray.follow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeychainException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Follows a token another machine renews: subscribes to {@code {prefix}:token_renewed} and reads
 * the token again at each message for the account, and at each (re)subscription, since messages
 * sent while it was away are lost. When Redis goes away it tries again after 1, 2, 4 ... s (at
 * most a minute apart). A connection that died without a word (a laptop that slept, a network
 * that changed) is found by a PING on the subscription every {@link #PING_EVERY}: without its
 * PONG by the next one, the connection is dropped and made anew.
 */
public final class RedisFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisFollower.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    static final Duration PING_EVERY = Duration.ofSeconds(30);

    /** Hears the follower, on its thread. */
    public interface Listener {
        /** The token as Redis has it now; empty when it has none (expired, or not put there yet). */
        void read(Optional<AccessToken> token);

        /** Redis cannot be reached or refused the app; it is tried again after {@code retryIn}. */
        void unreachable(String why, Duration retryIn);
    }

    private final FollowedRedis tokens;
    private final RedisConnector connector;
    private final Listener listener;
    private final ThreadFactory threads;
    private final Scheduler scheduler;
    private final Duration pingEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean closed;
    private volatile Subscription current;
    private Scheduler.Cancellable pings = () -> {};

    public RedisFollower(FollowedRedis tokens, RedisConnector connector, Listener listener, ThreadFactory threads,
            Scheduler scheduler) {
        this(tokens, connector, listener, threads, scheduler, PING_EVERY);
    }

    RedisFollower(FollowedRedis tokens, RedisConnector connector, Listener listener, ThreadFactory threads,
            Scheduler scheduler, Duration pingEvery) {
        this.tokens = tokens;
        this.connector = connector;
        this.listener = listener;
        this.threads = threads;
        this.scheduler = scheduler;
        this.pingEvery = pingEvery;
    }

    /** Subscribes, reads the token, and goes on until {@link #close}. */
    public void start() {
        threads.newThread(this::follow).start();
        pings = scheduler.every(pingEvery, this::checkAlive);
    }

    private void follow() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            Subscription subscription = new Subscription();
            String why;
            try (Jedis jedis = connector.connect(tokens.follow().address())) {
                subscription.jedis = jedis;
                current = subscription;
                jedis.subscribe(subscription, tokens.follow().tokens().renewedChannel());
                why = subscription.failure; // it ended itself: a read failed
            } catch (JedisException e) {
                why = FollowedRedis.explain(tokens.follow(), e);
            } catch (KeychainException e) {
                why = "The password of Redis at " + tokens.follow().address() + " cannot be read from the keychain: "
                        + e.getMessage();
            }
            current = null;
            if (closed) {
                return;
            }
            if (subscription.read) {
                retry = FIRST_RETRY;
            }
            String problem = why == null ? "Redis ended the subscription." : why;
            Duration retryIn = retry;
            tell(() -> listener.unreachable(problem, retryIn));
            pause(retry);
            retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
        }
    }

    /** Reads the token on the subscription's thread; a failure ends the subscription, to try again from the start. */
    private void readNow(Subscription subscription) {
        try {
            Optional<AccessToken> token = tokens.read();
            subscription.read = true;
            tell(() -> listener.read(token));
        } catch (FollowException e) {
            subscription.end(e.getMessage());
        } catch (KeychainException e) {
            subscription.end("The password of Redis cannot be read from the keychain: " + e.getMessage());
        }
    }

    private void checkAlive() {
        Subscription subscription = current;
        if (subscription == null || !subscription.isSubscribed()) {
            return;
        }
        if (subscription.awaitingPong) {
            LOG.warn("Redis at {} did not answer a PING on the subscription within {} s; connecting again",
                    tokens.follow().address(), pingEvery.toSeconds());
            subscription.jedis.disconnect();
            return;
        }
        subscription.awaitingPong = true;
        try {
            subscription.ping();
        } catch (JedisException e) {
            subscription.jedis.disconnect();
        }
    }

    private void pause(Duration delay) {
        lock.lock();
        try {
            long left = delay.toNanos();
            while (!closed && left > 0) {
                left = wake.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("A listener of the followed token failed", e);
        }
    }

    /** Ends the subscription and the retries; the thread ends soon after. */
    @Override
    public void close() {
        closed = true;
        pings.cancel();
        Subscription subscription = current;
        if (subscription != null && subscription.jedis != null) {
            subscription.jedis.disconnect();
        }
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Subscription extends JedisPubSub {
        volatile Jedis jedis;
        volatile boolean read;
        volatile boolean awaitingPong;
        volatile String failure;

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            readNow(this);
        }

        @Override
        public void onMessage(String channel, String message) {
            if (forThisAccount(message)) {
                readNow(this);
            }
        }

        @Override
        public void onPong(String pattern) {
            awaitingPong = false;
        }

        void end(String why) {
            failure = why;
            unsubscribe();
        }
    }

    /** A message names the account it is for; one that cannot be read may be for it too. */
    private boolean forThisAccount(String message) {
        try {
            return JSON.readTree(message).path("user_id").asText(tokens.follow().userId()).equals(tokens.follow().userId());
        } catch (JacksonException e) {
            return true;
        }
    }
}
