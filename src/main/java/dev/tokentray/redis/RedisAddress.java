package dev.tokentray.redis;

import dev.tokentray.platform.Loopback;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A Redis server and the app's user there, from a {@code redis://} or {@code rediss://} (TLS) URL:
 * {@code rediss://USER@HOST:PORT/DB}. The URL never holds the password (it would be written to the
 * settings file); the password lives in the keychain ({@link RedisPasswords}), under this server
 * and user, so that every part of the app that talks to the same Redis shares it.
 *
 * @param user     the ACL user, empty for the {@code default} user
 * @param database the logical database ({@code SELECT}), 0 unless the URL's path names one
 */
public record RedisAddress(boolean tls, String host, int port, String user, int database) {
    public static final int DEFAULT_PORT = 6379;
    private static final String DEFAULT_USER = "default";

    /**
     * @throws IllegalArgumentException naming what is wrong with the URL, and never quoting a
     *     password it holds
     */
    public static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Redis URL is not a URL: write it as redis://USER@HOST:PORT/DB"
                    + " (or rediss:// for TLS).");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("A Redis URL starts with redis:// or rediss:// (TLS), as in"
                    + " rediss://USER@HOST:6379/0.");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The Redis URL names no host: write it as " + scheme + "://USER@HOST:PORT.");
        }
        String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo();
        if (userInfo.contains(":")) {
            throw new IllegalArgumentException("Put no password in the Redis URL: it would be saved in the settings"
                    + " file. Give it on stdin with --password-stdin, or in the REDISCLI_AUTH variable; it goes to"
                    + " the keychain.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The Redis URL takes no options after '?' or '#': "
                    + scheme + "://USER@HOST:PORT/DB.");
        }
        return new RedisAddress(scheme.equals("rediss"), uri.getHost().replaceAll("^\\[(.*)]$", "$1"),
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), URLDecoder.decode(userInfo, StandardCharsets.UTF_8),
                database(uri.getPath()));
    }

    private static int database(String path) {
        String number = path == null ? "" : path.replaceFirst("^/", "");
        if (number.isEmpty()) {
            return 0;
        }
        try {
            int database = Integer.parseInt(number);
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The Redis URL's path is the database number, like /0; not '" + path + "'.");
    }

    /** The user the server knows the app as: the URL's, else Redis's {@code default}. */
    public String userOrDefault() {
        return user.isEmpty() ? DEFAULT_USER : user;
    }

    /** Whether both name the same server and user, and so share one password in the keychain. */
    public boolean sharesPasswordWith(RedisAddress other) {
        return keychainAccount().equals(other.keychainAccount());
    }

    /** The keychain entry of this server's and user's password: profile names hold no ':'. */
    String keychainAccount() {
        return "redis:" + userOrDefault() + "@" + host + ":" + port;
    }

    /**
     * Whether the server is on this machine: only then is a plain {@code redis://} connection, which
     * carries the token unencrypted, safe from the network. Looks up no name but {@code localhost}.
     */
    public boolean onThisMachine() {
        return Loopback.names(host);
    }

    /** The URL, as the trader wrote it but normalised; it holds no secret. */
    @Override
    public String toString() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss" : "redis") + "://" + (user.isEmpty() ? "" : user + "@") + hostPart + ":" + port + "/"
                + database;
    }
}
