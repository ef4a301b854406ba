package dev.tokentray.redis;

import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens connections to a Redis server as the app's user, with the password from the keychain and
 * TLS for {@code rediss://}, bounded in time. One connection per use: the app writes to Redis a
 * few times a day, and a fresh connection is never a stale one.
 */
public final class RedisConnector {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** The longest a connection and a few commands take before a timeout ends them. */
    public static final Duration BOUND = CONNECT_TIMEOUT.plus(ANSWER_TIMEOUT).plus(Duration.ofSeconds(2));

    private final RedisPasswords passwords;

    public RedisConnector(RedisPasswords passwords) {
        this.passwords = passwords;
    }

    /**
     * A connection, authenticated and on the address's database; with TLS for {@code rediss://}.
     *
     * @throws JedisException when the server cannot be reached or refuses the app: {@link #explain} says why
     */
    public Jedis connect(RedisAddress address) throws KeychainException {
        return connect(address, passwords.read(address));
    }

    /** As {@link #connect(RedisAddress)}, with a password not (yet) in the keychain. */
    public static Jedis connect(RedisAddress address, Optional<Secret> password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(address.database())
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) ANSWER_TIMEOUT.toMillis())
                // No CLIENT SETINFO: an ACL user needs no rights beyond the commands the app sends.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                // RESP2, without a HELLO to find out: plain Jedis speaks no RESP3 anyway.
                .autoNegotiateProtocol(false);
        if (address.tls()) {
            // The server's certificate checked against this computer's trusted ones, and its name against the host's.
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        if (password.isPresent()) {
            config.user(address.user().isEmpty() ? null : address.user()).password(password.get().reveal());
        }
        Jedis jedis = new Jedis(new HostAndPort(address.host(), address.port()), config.build());
        if (password.isEmpty()) {
            // A server that wants a password closes the connection on an unauthenticated transaction (Redis 7
            // limits what it reads from one) instead of saying NOAUTH: ask it first, to say what is missing.
            try {
                jedis.ping();
            } catch (JedisException e) {
                jedis.close();
                throw e;
            }
        }
        return jedis;
    }

    /**
     * What went wrong, in words, with what to do; never a value the app sent (Redis's errors name
     * commands, never their arguments). Jedis hangs the reasons of a refused transaction or a failed
     * connection on the exception as suppressed ones: they are looked at too.
     */
    public static String explain(RedisAddress address, JedisException failure) {
        return explain(address, failure, "outputs add redis",
                "GET, SET, DEL, HSET, EXPIREAT, PUBLISH, MULTI, EXEC on the prefix's keys and channel");
    }

    /**
     * As {@link #explain(RedisAddress, JedisException)}, for another use of Redis than the output.
     *
     * @param storing the command that stores the password ({@code follow}, say), run with the URL and {@code --password-stdin}
     * @param rights  what the use needs the user to be allowed
     */
    public static String explain(RedisAddress address, JedisException failure, String storing, String rights) {
        String server = "Redis at " + address.host() + ":" + address.port();
        Optional<String> refusal = reasons(failure).filter(JedisAccessControlException.class::isInstance)
                .map(Throwable::getMessage).findFirst();
        if (refusal.isPresent()) {
            String message = refusal.get();
            if (message.startsWith("NOPERM")) {
                return server + " does not let the user '" + address.userOrDefault() + "' do this (" + message
                        + "): give it the rights the README lists (" + rights + ").";
            }
            if (message.startsWith("NOAUTH")) {
                return server + " wants a password, and none is stored: store it with `upstox-token-tray " + storing
                        + " " + address + " --password-stdin`.";
            }
            return server + " refused the user name or password (" + firstWord(message) + "): store the right"
                    + " password with `upstox-token-tray " + storing + " " + address + " --password-stdin`, or check"
                    + " the user in the URL.";
        }
        if (failure instanceof JedisConnectionException) {
            return server + " " + connectionProblem(address, failure) + ".";
        }
        return server + " answered with an error: " + failure.getMessage();
    }

    /** The failure, its causes, and what each carries as suppressed. */
    private static Stream<Throwable> reasons(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause)
                .flatMap(reason -> Stream.concat(Stream.of(reason), Arrays.stream(reason.getSuppressed())));
    }

    private static String connectionProblem(RedisAddress address, JedisException failure) {
        return reasons(failure).map(reason -> switch (reason) {
            case ConnectException refused -> "cannot be reached (connection refused): check that it runs and that the"
                    + " port is right";
            case UnknownHostException unknown -> "cannot be reached: the host name '" + address.host() + "' is unknown";
            case SocketTimeoutException timeout -> "did not answer within " + CONNECT_TIMEOUT.toSeconds() + " s: check"
                    + " that the host is up and that a firewall lets this computer in";
            case SSLException tls -> "cannot be reached over TLS (" + tls.getMessage() + "): with rediss://, the"
                    + " server's certificate must be trusted by this computer and name the host in the URL";
            default -> null;
        }).filter(Objects::nonNull).findFirst().orElse("cannot be reached (" + failure.getMessage() + ")");
    }

    private static String firstWord(String message) {
        return message.split(" ", 2)[0];
    }
}
