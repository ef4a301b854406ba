package dev.tokentray.redis;

import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
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
     * A connection, authenticated and on the address's database. With TLS, Jedis checks the
     * server's certificate against this computer's trusted ones and its host name (it sets the
     * HTTPS endpoint identification when no other is given).
     *
     * @throws JedisException when the server cannot be reached or refuses the app: {@link #explain} says why
     */
    public Jedis connect(RedisAddress address) throws KeychainException {
        return connect(address, passwords.read(address));
    }

    /** As {@link #connect(RedisAddress)}, with a password not (yet) in the keychain. */
    public static Jedis connect(RedisAddress address, Optional<Secret> password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .ssl(address.tls())
                .database(address.database())
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) ANSWER_TIMEOUT.toMillis())
                // No CLIENT SETINFO: an ACL user needs no rights beyond the commands the app sends.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (password.isPresent()) {
            config.user(address.user().isEmpty() ? null : address.user()).password(password.get().reveal());
        }
        return new Jedis(new HostAndPort(address.host(), address.port()), config.build());
    }

    /** What went wrong, in words, with what to do; never a value the app sent. */
    public static String explain(RedisAddress address, JedisException failure) {
        String server = "Redis at " + address.host() + ":" + address.port();
        String message = String.valueOf(failure.getMessage());
        return switch (failure) {
            case JedisAccessControlException denied when message.startsWith("NOPERM") -> server + " does not let the"
                    + " user '" + address.userOrDefault() + "' do this (" + firstWord(message) + "): give it the rights"
                    + " the README lists (SET, GET, HSET, DEL, EXPIREAT, PUBLISH, MULTI, EXEC, on the prefix's keys and channel).";
            case JedisAccessControlException denied -> server + " refused the user name or password (" + firstWord(message)
                    + "): store the right password with `upstox-token-tray outputs add redis " + address
                    + " --password-stdin`, or check the user in the URL.";
            case JedisDataException data when message.startsWith("NOAUTH") -> server + " wants a password, and none is"
                    + " stored: store it with `upstox-token-tray outputs add redis " + address + " --password-stdin`.";
            case JedisConnectionException connection -> server + " " + connectionProblem(address, connection) + ".";
            default -> server + " answered with an error: " + message;
        };
    }

    private static String connectionProblem(RedisAddress address, JedisConnectionException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ConnectException refused -> {
                    return "cannot be reached (connection refused): check that it runs and that the port is right";
                }
                case UnknownHostException unknown -> {
                    return "cannot be reached: the host name '" + address.host() + "' is unknown";
                }
                case SocketTimeoutException timeout -> {
                    return "did not answer within " + CONNECT_TIMEOUT.toSeconds() + " s: check that the host is up and that"
                            + " a firewall lets this computer in";
                }
                case SSLException tls -> {
                    return "cannot be reached over TLS (" + tls.getMessage() + "): with rediss://, the server's"
                            + " certificate must be trusted by this computer and name the host in the URL";
                }
                default -> {}
            }
        }
        return "cannot be reached (" + failure.getMessage() + ")";
    }

    private static String firstWord(String message) {
        return message.split(" ", 2)[0];
    }
}
