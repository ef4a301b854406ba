package dev.tokentray.ui.fx;

import dev.tokentray.ui.settings.Notice;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** What the app's windows share: they keep to the screen, and show the demo badge, sections and notices alike. */
public final class WindowParts {
    /** On a screen too small for the window's header and footer, a few lines of its form still show. */
    private static final double LEAST_FORM_HEIGHT = 120;

    private WindowParts() {}

    /**
     * A window taller than its screen keeps to it (its scrolling part gives way), and one that
     * reaches below the screen moves up, or above it down, so that its title, footer and buttons
     * stay reachable (without a window manager, a tall window is centred over the screen's top).
     */
    public static void keepOnScreen(Stage stage) {
        if (!stage.isShowing()) {
            return;
        }
        Rectangle2D screen = screenOf(stage);
        if (stage.getHeight() > screen.getHeight()) {
            stage.setHeight(screen.getHeight());
        }
        if (stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(Math.max(screen.getMinY(), screen.getMaxY() - stage.getHeight()));
        }
        if (stage.getY() < screen.getMinY()) {
            stage.setY(screen.getMinY());
        }
    }

    /**
     * Sizes a window to its scrolling form: tall enough for all of it, but no taller than its
     * screen, where the form scrolls instead. Called before the window shows, and when the form
     * changes, so that the window shows at its size at once: sized to the whole form and shrunk
     * to the screen once shown, it showed at the taller size first (on the test display it went
     * between the two sizes three times), each size drawn in full.
     *
     * @param formHeight the form's preferred height, its style applied
     */
    public static void fitToForm(Stage stage, ScrollPane scroll, double formHeight) {
        Scene scene = stage.getScene();
        // Measured with the whole form in view: what the window holds around it (header, footer).
        scroll.setPrefViewportHeight(formHeight);
        double aroundForm = scene.getRoot().prefHeight(-1) - formHeight;
        // The window manager's frame, known once the window has shown; keepOnScreen corrects the first showing.
        double frame = Double.isNaN(stage.getHeight()) ? 0 : stage.getHeight() - scene.getHeight();
        double room = screenOf(stage).getHeight() - frame - aroundForm;
        scroll.setPrefViewportHeight(Math.min(formHeight, Math.max(room, LEAST_FORM_HEIGHT)));
        stage.sizeToScene();
        keepOnScreen(stage);
    }

    /** The screen the window is on, or the one it shows on first (JavaFX centres it on the primary screen). */
    private static Rectangle2D screenOf(Stage stage) {
        if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getY())) {
            return Screen.getPrimary().getVisualBounds();
        }
        return Screen.getScreensForRectangle(stage.getX(), stage.getY(), 1, 1).stream()
                .findFirst().orElse(Screen.getPrimary()).getVisualBounds();
    }

    /**
     * A question before something that could cost one of the five tries Upstox allows before it
     * locks the account: Cancel is its default button, so that Enter alone never sends anything.
     *
     * @param yes the words of the button that goes ahead
     */
    public static Alert riskyConfirmation(String title, String header, String text, String yes) {
        ButtonType goAhead = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, goAhead);
        alert.setTitle(title);
        alert.setHeaderText(header);
        ((Button) alert.getDialogPane().lookupButton(goAhead)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert;
    }

    /** True when the trader chose to go ahead in a {@link #riskyConfirmation}. */
    public static boolean wentAhead(Alert alert) {
        return alert.showAndWait().filter(choice -> choice.getButtonData() == ButtonBar.ButtonData.OK_DONE).isPresent();
    }

    /**
     * A window's scrolling form: as wide as the window, scrolled up and down only, not a stop of
     * the keyboard's focus. Its viewport is drawn as it is, not through JavaFX's cache of it as an
     * image (ScrollPaneSkin turns that cache on): the status window's countdown changes each
     * second, so the whole viewport was drawn into the cache and the cache into the window at each
     * tick, and the cache held a second image of the viewport (1.8 MB of the heap for the status
     * window, of 680 x 664 pixels).
     */
    public static ScrollPane formScroll(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("form-scroll");
        scroll.setFocusTraversable(false);
        scroll.skinProperty().subscribe(skin -> {
            Node viewport = skin == null ? null : scroll.lookup(".viewport");
            if (viewport != null) {
                viewport.setCache(false);
            }
        });
        return scroll;
    }

    /** The "DEMO" badge beside a window's title in demo mode. */
    public static Label demoBadge() {
        Label badge = new Label("DEMO");
        badge.setId("demoBadge");
        badge.getStyleClass().add("demo-badge");
        badge.setAccessibleText("Demo mode: a simulated Upstox, tokens that live a few minutes");
        return badge;
    }

    /** A section's heading, "RENEWAL". */
    public static Label section(String text) {
        Label label = new Label(text.toUpperCase(Locale.ENGLISH));
        label.getStyleClass().add("section");
        return label;
    }

    /** A label that shows the notice, in its tone, and each one that follows: wraps, keeps all its lines, takes no room while there is none. */
    public static Label noticeLabel(String id, ObservableValue<Notice> notice) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("notice");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        label.managedProperty().bind(label.visibleProperty());
        show(label, notice.getValue());
        notice.addListener((observable, old, now) -> show(label, now));
        return label;
    }

    private static void show(Label label, Notice notice) {
        label.setText(notice.text());
        for (Notice.Tone tone : Notice.Tone.values()) {
            label.getStyleClass().remove(tone.styleClass());
        }
        label.getStyleClass().add(notice.tone().styleClass());
        label.setVisible(!notice.isEmpty());
    }
}
