package dev.tokentray.ui.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The desktop's notification server ({@code org.freedesktop.Notifications}), as far as the app
 * uses it; the names are the specification's, as D-Bus calls them. Public for dbus-java's proxies.
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface NotificationServer extends DBusInterface {

    /** The server's optional features, e.g. {@code body-markup}. */
    List<String> GetCapabilities();

    /** Shows a notification; returns its id, which the signals name. */
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
            Map<String, Variant<?>> hints, int expireTimeout);

    /** Takes a notification off the screen; the server then sends {@link NotificationClosed} with reason 3. */
    void CloseNotification(UInt32 id);

    /** The trader chose an action of a notification ({@code default}: clicked it). */
    class ActionInvoked extends DBusSignal {
        public final UInt32 id;
        public final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }
    }

    /** A notification went away (expired, dismissed, closed). */
    class NotificationClosed extends DBusSignal {
        public final UInt32 id;
        public final UInt32 reason;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
            this.reason = reason;
        }
    }
}
