package dev.tokentray.ui.fx;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** What the app's windows share: they keep to the screen, and show the demo badge alike. */
public final class WindowParts {
    private WindowParts() {}

    /**
     * A window taller than its screen keeps to it (its scrolling part gives way), and one that
     * reaches below the screen moves up, so that its footer and buttons stay reachable.
     */
    public static void keepOnScreen(Stage stage) {
        if (!stage.isShowing()) {
            return;
        }
        Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), 1, 1).stream()
                .findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        if (stage.getHeight() > screen.getHeight()) {
            stage.setHeight(screen.getHeight());
        }
        if (stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(Math.max(screen.getMinY(), screen.getMaxY() - stage.getHeight()));
        }
    }

    /** The "DEMO" badge beside a window's title in demo mode. */
    public static Label demoBadge() {
        Label badge = new Label("DEMO");
        badge.setId("demoBadge");
        badge.getStyleClass().add("demo-badge");
        badge.setAccessibleText("Demo mode: a simulated Upstox, tokens that live a few minutes");
        return badge;
    }
}
