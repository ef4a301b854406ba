package dev.tokentray.ui.tray.sni;

import dev.tokentray.ui.tray.TrayMenu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray menu as {@code com.canonical.dbusmenu} numbers it: the root is entry 0, the entries
 * follow depth first (a submenu's entries right after it), each with the properties the
 * specification names. Two trees of the same shape (the same entries in the same places) keep
 * their ids, so that a new state changes only properties in place, which hosts redraw without
 * rebuilding the menu.
 */
final class MenuTree {
    static final int ROOT = 0;

    /** @param key what the entry is, for telling whether two trees have the same shape */
    private record Entry(String key, int parent, Map<String, Object> properties, Optional<TrayMenu.Choice> choice,
            List<Integer> children) {}

    private final List<Entry> entries;

    private MenuTree(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static MenuTree of(List<TrayMenu.Item> items) {
        List<Entry> entries = new ArrayList<>();
        entries.add(null); // the root's place: its children are numbered first
        List<Integer> top = add(entries, ROOT, items);
        entries.set(ROOT, new Entry("root", -1, Map.of("children-display", "submenu"), Optional.empty(), top));
        return new MenuTree(entries);
    }

    private static List<Integer> add(List<Entry> entries, int parent, List<TrayMenu.Item> items) {
        List<Integer> ids = new ArrayList<>();
        for (TrayMenu.Item item : items) {
            int id = entries.size();
            entries.add(null); // reserved: the submenu's own entries come after it
            List<Integer> children = item instanceof TrayMenu.Submenu submenu ? add(entries, id, submenu.items()) : List.of();
            entries.set(id, entry(item, parent, children));
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static Entry entry(TrayMenu.Item item, int parent, List<Integer> children) {
        Map<String, Object> properties = new LinkedHashMap<>();
        return switch (item) {
            case TrayMenu.Command command -> {
                properties.put("label", label(command.label()));
                properties.put("enabled", command.enabled());
                yield new Entry("command " + command.choice(), parent, properties, Optional.of(command.choice()), children);
            }
            case TrayMenu.Toggle toggle -> {
                properties.put("label", label(toggle.label()));
                properties.put("enabled", true);
                properties.put("toggle-type", "checkmark");
                properties.put("toggle-state", toggle.checked() ? 1 : 0);
                yield new Entry("toggle " + toggle.choice(), parent, properties, Optional.of(toggle.choice()), children);
            }
            case TrayMenu.Submenu submenu -> {
                properties.put("label", label(submenu.label()));
                properties.put("enabled", true);
                properties.put("children-display", "submenu");
                yield new Entry("submenu " + submenu.label(), parent, properties, Optional.empty(), children);
            }
            case TrayMenu.Separator separator -> {
                properties.put("type", "separator");
                yield new Entry("separator", parent, properties, Optional.empty(), children);
            }
        };
    }

    /** An underscore marks the access key in dbusmenu labels: a label's own underscores are doubled. */
    private static String label(String text) {
        return text.replace("_", "__");
    }

    boolean has(int id) {
        return id >= 0 && id < entries.size();
    }

    /** What choosing the entry means; empty for the root, submenus, separators and unknown ids. */
    Optional<TrayMenu.Choice> choice(int id) {
        return has(id) ? entries.get(id).choice() : Optional.empty();
    }

    /**
     * The entry and, {@code depth} levels down (-1: all), its children.
     *
     * @param names the properties to give (empty: all)
     */
    DbusMenu.Node layout(int id, int depth, List<String> names) {
        Entry entry = entries.get(id);
        List<Variant<?>> children = new ArrayList<>();
        if (depth != 0) {
            for (int child : entry.children()) {
                children.add(new Variant<>(layout(child, depth - 1, names)));
            }
        }
        return new DbusMenu.Node(id, properties(id, names), children);
    }

    /** The entry's properties, those named (empty: all), as D-Bus variants. */
    Map<String, Variant<?>> properties(int id, List<String> names) {
        Map<String, Variant<?>> properties = new LinkedHashMap<>();
        entries.get(id).properties().forEach((name, value) -> {
            if (names.isEmpty() || names.contains(name)) {
                properties.put(name, new Variant<>(value));
            }
        });
        return properties;
    }

    /** Whether both have the same entries in the same places, so that the ids mean the same. */
    boolean sameShape(MenuTree other) {
        if (entries.size() != other.entries.size()) {
            return false;
        }
        for (int id = 0; id < entries.size(); id++) {
            Entry mine = entries.get(id);
            Entry theirs = other.entries.get(id);
            if (!mine.key().equals(theirs.key()) || mine.parent() != theirs.parent()) {
                return false;
            }
        }
        return true;
    }

    /** The ids whose properties differ from those in {@code before}, a tree of the same shape. */
    List<Integer> changedSince(MenuTree before) {
        List<Integer> changed = new ArrayList<>();
        for (int id = 0; id < entries.size(); id++) {
            if (!entries.get(id).properties().equals(before.entries.get(id).properties())) {
                changed.add(id);
            }
        }
        return changed;
    }

    int size() {
        return entries.size();
    }
}
