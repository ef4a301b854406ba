package dev.tokentray.vault;

import dev.tokentray.platform.SessionBus;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Asks the Secret Service (Linux) whether its default collection is locked, without a prompt.
 *
 * <p>Given a locked collection, java-keyring asks the keyring to show its unlock prompt and waits
 * up to 120 s for an answer; when none comes, it dismisses the prompt, and dismissing an unlock
 * prompt crashes GNOME Keyring 42 (Debian 12's). So the store asks first and, when the collection
 * is locked, tells the user to unlock it instead of starting that.
 *
 * <p>It asks with {@code GetAll}, not {@code Get}. GNOME Keyring has a race, reported of a caller's
 * first calls: now and then it has no record of the caller, its property getter fails without
 * saying why, and for a {@code Get}, GLib then aborts the whole daemon ("gkd_secret_service_get_pkcs11_session:
 * assertion 'client' failed", then "invoke_get_property_in_idle_cb: assertion failed"). This
 * project's test runs met it twice (the last on 2026-12-05), and apps that read the
 * collection once per process, as every {@code token} command does, have it reported
 * (jkoestinger/omarchy-vpn#42). The daemon that D-Bus starts next has the login keyring locked:
 * the trader would have to unlock it, and every app on the desktop loses its secrets until then.
 * For a {@code GetAll}, GLib leaves out a property whose getter fails (gdbusconnection.c,
 * invoke_get_all_properties_in_idle_cb), so the race costs this read its answer, not the daemon
 * its life. It asks over one connection, kept open until {@link #close()}, so that a worker's
 * later reads are not a new caller's first.
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
            // Left out when the keyring could not look the collection up for this caller (the race
            // above): then, as when the check fails, java-keyring finds out for itself.
            Variant<?> locked = collection.GetAll(COLLECTION_INTERFACE).get("Locked");
            return locked != null && Boolean.TRUE.equals(locked.getValue());
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
