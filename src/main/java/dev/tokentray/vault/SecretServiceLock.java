package dev.tokentray.vault;

import java.io.IOException;
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
 */
final class SecretServiceLock {
    private static final String SECRET_SERVICE = "org.freedesktop.secrets";
    private static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    private static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";

    private SecretServiceLock() {}

    static boolean isDefaultCollectionLocked() {
        try (DBusConnection bus = DBusConnectionBuilder.forSessionBus().withShared(false).build()) {
            Properties collection = bus.getRemoteObject(SECRET_SERVICE, DEFAULT_COLLECTION, Properties.class);
            return Boolean.TRUE.equals(collection.Get(COLLECTION_INTERFACE, "Locked"));
        } catch (DBusException | IOException | RuntimeException e) {
            // No session bus (macOS, Windows, a bare server), no Secret Service or no default
            // collection: java-keyring then finds another backend, or reports that there is none.
            return false;
        }
    }
}
