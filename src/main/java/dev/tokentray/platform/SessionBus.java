package dev.tokentray.platform;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the app's own session bus connections (the keychain's lock check, notifications, the tray icon) share. */
public final class SessionBus {
    private static final Logger LOG = LoggerFactory.getLogger(SessionBus.class);

    private SessionBus() {}

    /**
     * Releases the connection's bus names, then disconnects, whatever dbus-java throws.
     *
     * <p>The names first, on their own: dbus-java 4.2.1's disconnect releases them while holding
     * the connection's lock, which its reader thread needs for every incoming call. A call that
     * comes in then (a panel asking the tray icon for its menu as the app quits) stops the reader
     * before it reads the release's reply: the disconnect waits out dbus-java's 20-s reply
     * timeout, then throws a NullPointerException (dbus-java#234) and leaves the connection half
     * closed. SessionBusTest met it in two closes out of three.
     */
    public static void disconnectQuietly(DBusConnection connection) {
        for (String name : connection.getNames()) {
            if (!name.startsWith(":")) { // a unique name goes only with the connection
                try {
                    connection.releaseBusName(name);
                } catch (DBusException | DBusExecutionException e) {
                    LOG.debug("The session bus name {} was not released: {}", name, e.getMessage());
                }
            }
        }
        try {
            connection.disconnect();
        } catch (RuntimeException e) {
            LOG.debug("A session bus connection closed with {}", e.toString());
        }
    }
}
