package dev.tokentray.ui.tray.sni;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code com.canonical.dbusmenu}: the menu of a StatusNotifierItem, which the host draws in the
 * desktop's own style and whose choices it sends back as events. The names are the
 * specification's (libdbusmenu's {@code dbus-menu.xml}), as D-Bus calls them; the properties
 * ({@code Version}, {@code TextDirection}, {@code Status}, {@code IconThemePath}) are read through
 * {@code org.freedesktop.DBus.Properties}. Public for dbus-java's reflection.
 */
@DBusInterfaceName(DbusMenu.INTERFACE)
public interface DbusMenu extends DBusInterface {
    String INTERFACE = "com.canonical.dbusmenu";

    /** The menu from {@code parentId} down, {@code recursionDepth} levels deep (-1: all), with the named properties (none: all). */
    Pair<UInt32, Node> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** The trader did something to an entry: {@code clicked} chooses it. */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** Several events at once; returns the ids that name no entry. */
    List<Integer> EventGroup(List<MenuEvent> events);

    /** The host is about to show the submenu {@code id}; true would ask it to read the layout again first. */
    boolean AboutToShow(int id);

    /** {@link #AboutToShow} for several submenus: the ids needing an update, and the ids that name no entry. */
    Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** One entry of the layout, with its children (each a {@code Node} in a variant, as the specification has it). */
    final class Node extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public Node(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    final class RemovedProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final List<String> names;

        public RemovedProperties(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    final class MenuEvent extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /** Two out arguments of one method, as dbus-java returns them. */
    final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;
        @Position(1)
        public final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }

    /** Entries' properties changed in place (labels, enabled, check marks): the layout is the same. */
    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<ItemProperties> updated;
        public final List<RemovedProperties> removed;

        public ItemsPropertiesUpdated(String path, List<ItemProperties> updated, List<RemovedProperties> removed)
                throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }

    /** The entries under {@code parent} changed: hosts read the layout of revision {@code revision}. */
    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }
}
