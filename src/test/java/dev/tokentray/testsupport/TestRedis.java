package dev.tokentray.testsupport;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The Redis server that {@code bash scripts/test.sh} starts (scripts/lib/with-test-desktop.sh):
 * its port, the app's ACL user ({@code tray}, with only the commands the Redis output sends) and
 * an {@code admin} for the tests to read back with; the same server speaks TLS on a port of its
 * own, with a certificate of a throwaway CA. {@link #stop()} and {@link #start()} stop it
 * and start it again from the same config, for a test of a Redis that goes away mid-run.
 */
public final class TestRedis {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private TestRedis() {}

    public static int port() {
        return Integer.parseInt(variable("TOKENTRAY_TEST_REDIS_PORT"));
    }

    public static String user() {
        return variable("TOKENTRAY_TEST_REDIS_USER");
    }

    /** The app's user's password: for the keychain, or stdin, never a URL. */
    public static Secret password() {
        return Secret.of(variable("TOKENTRAY_TEST_REDIS_PASSWORD"));
    }

    /** {@code redis://tray@127.0.0.1:PORT/0}. */
    public static String url() {
        return "redis://" + user() + "@127.0.0.1:" + port() + "/0";
    }

    /**
     * A laptop's user, that follows an account: it may read the token and its metadata, subscribe to
     * the renewals and ask for one (GET, HGETALL, MULTI, EXEC, SUBSCRIBE, PUBLISH), and write nothing.
     */
    public static String followerUrl() {
        return "redis://follower@127.0.0.1:" + port() + "/0";
    }

    public static Secret followerPassword() {
        return Secret.of(variable("TOKENTRAY_TEST_REDIS_FOLLOWER_PASSWORD"));
    }

    /** The same server over TLS, as {@code rediss://tray@HOST:TLS_PORT/0}; its certificate names {@code localhost} only. */
    public static String tlsUrl(String host) {
        return "rediss://" + user() + "@" + host + ":" + variable("TOKENTRAY_TEST_REDIS_TLS_PORT") + "/0";
    }

    /** JVM options that make an app process trust the test run's throwaway CA. */
    public static String trustingTheTestCa() {
        return "-Djavax.net.ssl.trustStore=" + variable("TOKENTRAY_TEST_REDIS_TRUSTSTORE")
                + " -Djavax.net.ssl.trustStorePassword=test-ca -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    public static RedisAddress address() {
        return RedisAddress.parse(url());
    }

    /** A connection with every right, for reading back what the app wrote. */
    public static Jedis admin() {
        RealEnvironment.requireRedis();
        return connectAsAdmin();
    }

    private static Jedis connectAsAdmin() {
        return new Jedis(new HostAndPort("127.0.0.1", Integer.parseInt(System.getenv("TOKENTRAY_TEST_REDIS_PORT"))),
                DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).user("admin")
                        .password(System.getenv("TOKENTRAY_TEST_REDIS_ADMIN_PASSWORD")).build());
    }

    /** Whether the server answers now: the probe of {@link RealEnvironment#requireRedis()}. */
    public static boolean answers() {
        if (System.getenv("TOKENTRAY_TEST_REDIS_PORT") == null) {
            return false;
        }
        try (Jedis admin = connectAsAdmin()) {
            return "PONG".equals(admin.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    /** Stops the server, as a crash or a restart would (nothing saved), and waits until it is gone. */
    public static void stop() throws Exception {
        try (Jedis admin = admin()) {
            admin.shutdown();
        } catch (JedisException e) {
            // it closes the connection as it goes
        }
        Poll.until("Redis to stop", WAIT, () -> !answers());
    }

    /** Starts the server again from the test command's config, on the same port, and waits until it answers. */
    public static void start() throws Exception {
        Commands.Result started = Commands.run(WAIT, "redis-server", variable("TOKENTRAY_TEST_REDIS_CONF"));
        if (!started.succeeded()) {
            throw new IOException("redis-server did not start (exit " + started.exitCode() + ")");
        }
        Poll.until("Redis to answer again", WAIT, TestRedis::answers);
    }

    private static String variable(String name) {
        RealEnvironment.requireRedis();
        return System.getenv(name);
    }
}
