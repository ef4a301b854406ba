package dev.tokentray.vault;

import dev.tokentray.platform.SessionBus;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * Asks the Secret Service (Linux) whether its default collection is locked, without a prompt.
 *
 * <p>Given a locked collection, java-keyring asks the keyring to show its unlock prompt and waits
 * up to 120 s for an answer; when none comes, it dismisses the prompt, and dismissing an unlock
 * prompt crashes GNOME Keyring 42 (Debian 12's). So the store asks first and, when the collection
 * is locked, tells the user to unlock it instead of starting that.
 *
 * <p>It asks over one connection, kept open until {@link #close()}: a connection opened for one
 * read of the collection and closed straight after trips a race in GNOME Keyring (the caller is
 * gone when the daemon answers), which aborts the whole daemon with "gkd_secret_service_get_pkcs11_session:
 * assertion 'client' failed" and then GLib's "invoke_get_property_in_idle_cb" assertion. A run of
 * this project's tests met it (2026-12-04), and other apps that read once per process have it
 * reported (jkoestinger/omarchy-vpn#42). The daemon that D-Bus starts after it has the
 * login keyring locked: the trader would have to unlock it.
 */
final class SecretServiceLock implements AutoCloseable {
    private static final String SECRET_SERVICE = "org.freedesktop.secrets";
    private static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    private static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";

    /** Opened by the first question; closed by {@link #close()}, from whichever thread retires the worker. */
    private final AtomicReference<DBusConnection> bus = new AtomicReference<>();

    boolean isDefaultCollectionLocked() {
        try {
            Properties collection = bus().getRemoteObject(SECRET_SERVICE, DEFAULT_COLLECTION, Properties.class);
            return Boolean.TRUE.equals(collection.Get(COLLECTION_INTERFACE, "Locked"));
        } catch (DBusException | RuntimeException e) {
            // No session bus (macOS, Windows, a bare server), no Secret Service or no default
            // collection: java-keyring then finds another backend, or reports that there is none.
            // The connection may be what broke (the daemon restarted): the next question opens another.
            close();
            return false;
        }
    }

    private DBusConnection bus() throws DBusException {
        DBusConnection current = bus.get();
        if (current == null) {
            current = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            bus.set(current);
        }
        return current;
    }

    @Override
    public void close() {
        DBusConnection current = bus.getAndSet(null);
        if (current != null) {
            SessionBus.disconnectQuietly(current);
        }
    }
}
