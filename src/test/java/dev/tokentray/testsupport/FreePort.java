package dev.tokentray.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port nothing listens on right now, for a redirect URI that the app binds later.
 *
 * <p>Not a port the kernel hands out ({@code new ServerSocket(0)}): those come from its ephemeral
 * range, from which it also takes the source port of every outgoing connection, so between the
 * pick and the app's bind any HTTP request on the machine could take it. A random port below that
 * range is never taken that way; it is checked free on both loopback addresses, as a
 * {@code localhost} redirect URI listens on both.
 */
public final class FreePort {
    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePort() {}

    public static int pick() throws IOException {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (free(port, "127.0.0.1") && (free(port, "::1") || !hasIpv6Loopback())) {
                return port;
            }
        }
        throw new IOException("No free loopback port between " + LOWEST + " and " + below);
    }

    /** The kernel's own on Linux; elsewhere the IANA's (49152), which macOS and Windows use. */
    private static int ephemeralRangeStart() {
        try {
            return Files.exists(EPHEMERAL_RANGE)
                    ? Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).getFirst().strip().split("\\s+")[0])
                    : 49_152;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port, String address) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static boolean hasIpv6Loopback() {
        return free(0, "::1");
    }
}
