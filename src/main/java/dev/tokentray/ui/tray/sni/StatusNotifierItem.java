package dev.tokentray.ui.tray.sni;

import java.util.List;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * {@code org.kde.StatusNotifierItem}, the item side of the StatusNotifierItem specification
 * (freedesktop.org; the interface keeps KDE's name, as every host expects). The names are the
 * specification's, as D-Bus calls them; the properties are read through
 * {@code org.freedesktop.DBus.Properties}. Public for dbus-java's reflection.
 */
@DBusInterfaceName(StatusNotifierItem.INTERFACE)
public interface StatusNotifierItem extends DBusInterface {
    String INTERFACE = "org.kde.StatusNotifierItem";

    /** A primary click on the icon (the left button): the app opens its window. */
    void Activate(int x, int y);

    /** A middle click. */
    void SecondaryActivate(int x, int y);

    /** Asks the item for its own context menu: hosts that read {@code Menu} show that instead. */
    void ContextMenu(int x, int y);

    /** The mouse wheel over the icon. */
    void Scroll(int delta, String orientation);

    /** One size of an icon: ARGB32 in network byte order, row by row. */
    final class Pixmap extends Struct {
        @Position(0)
        public final int width;
        @Position(1)
        public final int height;
        @Position(2)
        public final byte[] argb;

        public Pixmap(int width, int height, byte[] argb) {
            this.width = width;
            this.height = height;
            this.argb = argb;
        }
    }

    /** The {@code ToolTip} property: an icon (none here), a title and a description (which may hold markup). */
    final class ToolTip extends Struct {
        @Position(0)
        public final String iconName;
        @Position(1)
        public final List<Pixmap> iconPixmaps;
        @Position(2)
        public final String title;
        @Position(3)
        public final String description;

        public ToolTip(String iconName, List<Pixmap> iconPixmaps, String title, String description) {
            this.iconName = iconName;
            this.iconPixmaps = iconPixmaps;
            this.title = title;
            this.description = description;
        }
    }

    /** The icon changed: hosts read {@code IconName} and {@code IconPixmap} again. */
    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    /** The tooltip changed. */
    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    /** The status changed ({@code Active}, {@code NeedsAttention}). */
    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
