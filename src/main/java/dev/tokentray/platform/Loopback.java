package dev.tokentray.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a server named in a URL is on this computer, where what the app sends it crosses no network. */
public final class Loopback {
    private Loopback() {}

    /** True for {@code localhost} and loopback addresses; looks up no other name (a lookup could be slow or lie). */
    public static boolean names(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|.*:.*") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
