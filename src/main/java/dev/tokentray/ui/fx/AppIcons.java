package dev.tokentray.ui.fx;

import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The app icon at each size, for a window's title bar and task switcher; JavaFX picks the best fit. */
public final class AppIcons {
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcons() {}

    public static void addTo(Stage stage) {
        for (int size : SIZES) {
            stage.getIcons().add(new Image(AppIcons.class.getResource("/dev/tokentray/ui/icons/app-" + size + ".png")
                    .toExternalForm(), true));
        }
    }
}
