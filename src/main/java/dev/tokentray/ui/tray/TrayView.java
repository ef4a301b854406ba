package dev.tokentray.ui.tray;

import dev.tokentray.ui.status.Look;
import java.util.List;
import java.util.Objects;

/**
 * What the tray shows: the look (its icon, and whether the app needs the trader), the tooltip,
 * and the menu as data.
 */
public record TrayView(Look look, String tooltip, List<TrayMenu.Item> menu) {
    public TrayView {
        Objects.requireNonNull(look, "look");
        Objects.requireNonNull(tooltip, "tooltip");
        menu = List.copyOf(menu);
    }

    /** The trader must act: a tray that can say so (a StatusNotifierItem's status) does. */
    public boolean needsAttention() {
        return look == Look.ATTENTION;
    }
}
