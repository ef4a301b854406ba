package dev.tokentray.ui.status;

import javafx.scene.Node;

/** A look's style class on nodes, in place of the one they had. */
final class LookStyle {
    private LookStyle() {}

    /**
     * Changes the nodes' style classes only where the look changed: each change makes JavaFX apply
     * the CSS again, and the window shows its look at every second's tick.
     */
    static void apply(Look look, Node... nodes) {
        for (Node node : nodes) {
            for (Look other : Look.values()) {
                if (other != look) {
                    node.getStyleClass().remove(other.styleClass());
                }
            }
            if (!node.getStyleClass().contains(look.styleClass())) {
                node.getStyleClass().add(look.styleClass());
            }
        }
    }
}
