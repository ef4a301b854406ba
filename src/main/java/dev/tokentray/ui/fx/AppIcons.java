package dev.tokentray.ui.fx;

import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The app icon for a window's title bar and task switcher. JavaFX hands the platform one icon of a
 * window's list, the one nearest 128 px on Linux and macOS and 32 px on Windows, scaled to that
 * size ({@code com.sun.javafx.tk.quantum.WindowStage#setIcons}); the other sizes would only be
 * decoded and kept in memory for as long as the window lives (the 256 px one alone 256 KB). The
 * images are loaded once, in the background, and shared by every window.
 */
public final class AppIcons {
    private static final List<Image> ICONS = List.of(icon(32), icon(128));

    private AppIcons() {}

    public static void addTo(Stage stage) {
        stage.getIcons().setAll(ICONS);
    }

    private static Image icon(int size) {
        return new Image(AppIcons.class.getResource("/dev/tokentray/ui/icons/app-" + size + ".png").toExternalForm(), true);
    }
}
