package dev.tokentray.postgres;

import dev.tokentray.platform.Loopback;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A PostgreSQL database and the app's role there, from a JDBC URL:
 * {@code jdbc:postgresql://HOST:PORT/DATABASE?user=USER[&sslmode=verify-full...]}. The URL never
 * holds the password (it would be written to the settings file); the password lives in the
 * keychain, under {@link #keychainAccount()}.
 *
 * @param options the driver's other settings from the URL ({@code sslmode}, {@code currentSchema} ...), sorted
 */
public record PostgresAddress(String host, int port, String database, String user, Map<String, String> options) {
    public static final int DEFAULT_PORT = 5432;
    /** Where {@code outputs add postgres} takes a password from, as psql does. */
    public static final String PASSWORD_VARIABLE = "PGPASSWORD";
    private static final String PREFIX = "jdbc:postgresql://";
    /** Where the driver would take a password from: never in a URL the app keeps. */
    private static final Set<String> SECRET_OPTIONS = Set.of("password", "sslpassword");
    /** Encrypted, and the server's certificate checked: the token may cross a network on such a connection. */
    private static final Set<String> CHECKED_TLS = Set.of("verify-ca", "verify-full");

    public PostgresAddress {
        options = Map.copyOf(options);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the URL, and never quoting a password it holds
     */
    public static PostgresAddress parse(String url) {
        String text = url.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("A PostgreSQL URL starts with jdbc:postgresql://, as in"
                    + " jdbc:postgresql://HOST:5432/DATABASE?user=USER.");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + text.substring(PREFIX.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The PostgreSQL URL is not a URL: write it as"
                    + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Name the role with ?user=USER, and put no password in the PostgreSQL"
                    + " URL: it would be saved in the settings file. Give the password on stdin with --password-stdin,"
                    + " or in the PGPASSWORD variable; it goes to the keychain.");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The PostgreSQL URL names no host (or more than one, which the app does"
                    + " not take): write it as jdbc:postgresql://HOST:PORT/DATABASE?user=USER.");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("The PostgreSQL URL names no database: write it as"
                    + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER.");
        }
        Map<String, String> options = options(uri.getRawQuery());
        String user = options.remove("user");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("The PostgreSQL URL names no role: add ?user=USER, as in"
                    + " jdbc:postgresql://HOST:5432/" + database + "?user=upstox_token_tray.");
        }
        return new PostgresAddress(uri.getHost().replaceAll("^\\[(.*)]$", "$1"),
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), URLDecoder.decode(database, StandardCharsets.UTF_8),
                user, options);
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new TreeMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (SECRET_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Put no password in the PostgreSQL URL (" + name + "=…): it would be"
                        + " saved in the settings file. Give it on stdin with --password-stdin, or in the PGPASSWORD"
                        + " variable; it goes to the keychain.");
            }
            if (!name.isEmpty()) {
                options.put(name, parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return options;
    }

    /**
     * Whether the connection is encrypted and the server's certificate checked ({@code sslmode=verify-ca}
     * or {@code verify-full}), or the server is on this machine: only then is a stored token safe from
     * the network. Looks up no name but {@code localhost}.
     */
    public boolean safeFromTheNetwork() {
        return CHECKED_TLS.contains(options.getOrDefault("sslmode", "")) || Loopback.names(host);
    }

    /**
     * The keychain entry of this server's and role's password (a role's password is the server's, not a
     * database's); profile names hold no ':', so it is never a profile's entry.
     */
    public String keychainAccount() {
        return "postgres:" + user + "@" + host + ":" + port;
    }

    /** Whether both name the same server and role, and so share one password in the keychain. */
    public boolean sharesPasswordWith(PostgresAddress other) {
        return keychainAccount().equals(other.keychainAccount());
    }

    /** "HOST:PORT/DATABASE as USER", for messages. */
    public String describe() {
        return hostPart() + ":" + port + "/" + database + " as " + user;
    }

    /** The URL for the driver: the role and the options, never a password. */
    public String jdbcUrl() {
        Map<String, String> all = new TreeMap<>(options);
        all.put("user", user);
        return PREFIX + hostPart() + ":" + port + "/" + encode(database) + "?" + all.entrySet().stream()
                .map(option -> encode(option.getKey()) + "=" + encode(option.getValue()))
                .collect(Collectors.joining("&"));
    }

    private String hostPart() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL, as the trader wrote it but normalised; it holds no secret. */
    @Override
    public String toString() {
        return jdbcUrl();
    }
}
