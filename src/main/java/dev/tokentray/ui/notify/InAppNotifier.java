package dev.tokentray.ui.notify;

import dev.tokentray.ui.fx.FxDelay;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The app's own notification, where the desktop offers none: a small window in the screen's
 * corner (bottom right on Windows, top right elsewhere, where each desktop puts its own). It
 * closes by itself after {@link #SHOWN_FOR}, except an urgent one, which stays until the trader
 * closes it: Escape or Dismiss closes it, Enter or its action button (Open, or Log in with browser)
 * does what the notification leads to. One at a time: a new one
 * takes the old one's place.
 */
public final class InAppNotifier implements Notifier {
    static final Duration SHOWN_FOR = Duration.ofSeconds(8);
    private static final double MARGIN = 16;
    private static final String ICON = "/dev/tokentray/ui/icons/app-64.png";

    private final Consumer<Notification> onAction;
    private final Consumer<Scene> theme;
    private final Executor fx;
    private final Duration shownFor;
    private final boolean bottomCorner;
    private Stage shown; // FX thread only
    /** The kind last shown, so that taking one back never starts JavaFX for nothing. */
    private volatile NotificationKind lastKind;

    /**
     * @param onAction called on the FX thread when the trader chooses the notification's action
     * @param theme    gives the popup the app's stylesheets, so that it follows the light or dark theme
     * @param fx       runs the popup on the FX thread, starting JavaFX when it does not run yet
     */
    public InAppNotifier(Consumer<Notification> onAction, Consumer<Scene> theme, Executor fx) {
        this(onAction, theme, fx, SHOWN_FOR, System.getProperty("os.name"));
    }

    InAppNotifier(Consumer<Notification> onAction, Consumer<Scene> theme, Executor fx, Duration shownFor,
            String osName) {
        this.onAction = onAction;
        this.theme = theme;
        this.fx = fx;
        this.shownFor = shownFor;
        this.bottomCorner = osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The app can always show a window of its own (JavaFX starts for it when needed). */
    @Override
    public boolean available() {
        return true;
    }

    @Override
    public boolean show(Notification notification) {
        try {
            lastKind = notification.kind();
            fx.execute(() -> display(notification));
            return true;
        } catch (IllegalStateException stopped) {
            return false; // JavaFX has shut down: the app is quitting
        }
    }

    @Override
    public void withdraw(NotificationKind kind, Optional<Profile> account) {
        if (lastKind != kind) {
            return;
        }
        try {
            fx.execute(() -> {
                if (shown != null && shown.getUserData() instanceof Notification showing && showing.kind() == kind
                        && showing.account().equals(account)) {
                    shown.close();
                }
            });
        } catch (IllegalStateException stopped) {
            // JavaFX has shut down, and its windows with it
        }
    }

    private void display(Notification notification) {
        if (shown != null) {
            shown.close();
        }
        Stage stage = new Stage(StageStyle.UNDECORATED);
        stage.setTitle(notification.title()); // screen readers announce the window's title
        stage.setUserData(notification);
        stage.getIcons().add(new Image(ICON));
        stage.setAlwaysOnTop(true);
        stage.setResizable(false);
        Parent content = content(notification, stage);
        Scene scene = new Scene(content);
        theme.accept(scene);
        stage.setScene(scene);
        // Sized and placed before it shows: a window moved once shown flashes at its first place,
        // and X without a window manager reports that first place after the move.
        content.applyCss();
        double width = content.prefWidth(-1);
        double height = content.prefHeight(width);
        stage.setWidth(width);
        stage.setHeight(height);
        placeInCorner(stage, width, height);
        stage.setOnHidden(event -> {
            if (shown == stage) {
                shown = null;
            }
        });
        shown = stage;
        stage.show();

        if (!notification.kind().urgent()) {
            FxDelay.after(shownFor, stage::close);
        }
    }

    private Parent content(Notification notification, Stage stage) {
        Label title = new Label(notification.title());
        title.getStyleClass().add("notification-title");
        title.setStyle("-fx-font-weight: bold;");
        Label body = new Label(notification.body());
        body.getStyleClass().add("notification-body");
        body.setWrapText(true);
        body.setMaxWidth(340);
        Button open = new Button(notification.action().label());
        open.setId("notification-action");
        open.setDefaultButton(true); // Enter
        open.setOnAction(event -> {
            stage.close();
            onAction.accept(notification);
        });
        Button dismiss = new Button("Dismiss");
        dismiss.setCancelButton(true); // Escape, wherever the focus is
        dismiss.setOnAction(event -> stage.close());
        HBox buttons = new HBox(8, open, dismiss);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox content = new VBox(8, title, body, buttons);
        content.setPadding(new Insets(12));
        content.getStyleClass().add("notification");
        // Undecorated, as desktop notifications are: the border sets it off; a theme may restyle it.
        content.setStyle("-fx-border-color: -fx-box-border; -fx-border-width: 1;");
        return content;
    }

    private void placeInCorner(Stage stage, double width, double height) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setX(screen.getMaxX() - width - MARGIN);
        stage.setY(bottomCorner ? screen.getMaxY() - height - MARGIN : screen.getMinY() + MARGIN);
    }
}
