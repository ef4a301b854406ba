package dev.tokentray.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on a channel of the test Redis as admin, on a thread of its own, until closed: the
 * messages the app published (a renewal, a renew request), as a subscriber elsewhere gets them.
 */
public final class RedisChannel implements AutoCloseable {
    public final List<String> messages = new CopyOnWriteArrayList<>();
    private final Jedis connection = TestRedis.admin();
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onMessage(String channel, String message) {
            messages.add(message);
        }
    };
    private final Thread thread;

    /** Subscribed once this returns. */
    public RedisChannel(String channel) throws Exception {
        thread = Thread.ofPlatform().daemon().start(() -> connection.subscribe(listener, channel));
        Poll.until("the subscription", Duration.ofSeconds(10), listener::isSubscribed);
    }

    @Override
    public void close() throws InterruptedException {
        listener.unsubscribe();
        thread.join(Duration.ofSeconds(5));
        connection.close();
    }
}
