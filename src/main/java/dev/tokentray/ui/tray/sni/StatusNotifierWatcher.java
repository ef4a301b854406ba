package dev.tokentray.ui.tray.sni;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * {@code org.kde.StatusNotifierWatcher}, which the desktop's panel (or a watcher of its own) runs
 * on the session bus: items register with it, hosts learn of them from it. Public for dbus-java's proxies.
 */
@DBusInterfaceName(StatusNotifierWatcher.INTERFACE)
public interface StatusNotifierWatcher extends DBusInterface {
    String INTERFACE = "org.kde.StatusNotifierWatcher";
    String BUS_NAME = INTERFACE;
    String PATH = "/StatusNotifierWatcher";

    /** Registers an item by its bus name; the item is at {@code /StatusNotifierItem} there. */
    void RegisterStatusNotifierItem(String service);
}
