package dev.tokentray.upstox;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;

/**
 * The two Upstox hosts the login talks to. Tests and the simulator move them to loopback;
 * plain {@code http} is accepted for loopback hosts only, so that no setting can send
 * credentials elsewhere in clear text.
 */
public record UpstoxHosts(URI api, URI service) {
    public static final URI UPSTOX_API = URI.create("https://api.upstox.com");
    public static final URI UPSTOX_SERVICE = URI.create("https://service.upstox.com");
    public static final String API_VARIABLE = "UPSTOX_API_BASE_URL";
    public static final String SERVICE_VARIABLE = "UPSTOX_SERVICE_BASE_URL";

    public UpstoxHosts {
        api = checked(api, API_VARIABLE);
        service = checked(service, SERVICE_VARIABLE);
    }

    public static UpstoxHosts upstox() {
        return new UpstoxHosts(UPSTOX_API, UPSTOX_SERVICE);
    }

    /** Both hosts on one server, as the simulator plays them. */
    public static UpstoxHosts both(URI base) {
        return new UpstoxHosts(base, base);
    }

    /** Upstox's hosts, or the overrides in {@code UPSTOX_API_BASE_URL} and {@code UPSTOX_SERVICE_BASE_URL}. */
    public static UpstoxHosts fromEnvironment(Map<String, String> environment) {
        return new UpstoxHosts(
                URI.create(environment.getOrDefault(API_VARIABLE, UPSTOX_API.toString())),
                URI.create(environment.getOrDefault(SERVICE_VARIABLE, UPSTOX_SERVICE.toString())));
    }

    public URI api(String pathAndQuery) {
        return join(api, pathAndQuery);
    }

    public URI service(String pathAndQuery) {
        return join(service, pathAndQuery);
    }

    private static URI join(URI base, String pathAndQuery) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + pathAndQuery);
    }

    /** True for {@code https}, and for {@code http} to a loopback host. */
    public static boolean isSafe(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost()));
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        // Only literal addresses: a name would need a DNS lookup, and DNS can lie.
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI checked(URI base, String variable) {
        Objects.requireNonNull(base, variable);
        if (base.getHost() == null || !isSafe(base)) {
            throw new IllegalArgumentException(variable + " must be an https URL, or http on a loopback host"
                    + " (127.0.0.1, ::1, localhost); got " + base);
        }
        return base;
    }
}
