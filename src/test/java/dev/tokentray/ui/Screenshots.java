package dev.tokentray.ui;

import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Screenshots for the trader's eyes and the README, in {@code target/screenshots/}: a window's scene
 * as JavaFX draws it, in the light and the dark theme. ({@link XDisplay#screenshot} takes the whole screen.)
 */
final class Screenshots {
    static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {}

    /**
     * Writes {@code NAME-light.png} and {@code NAME-dark.png} of the scene, each drawn in that theme,
     * then puts the scene's own theme back. Any thread.
     */
    static List<Path> inBothThemes(Scene scene, String name) throws Exception {
        return inBothThemes(scene, name, theme -> Themes.apply(scene, theme));
    }

    /**
     * As {@link #inBothThemes(Scene, String)}, switching the theme with {@code choose} (the settings
     * window's own theme list, so that it shows the theme it is drawn in).
     */
    static List<Path> inBothThemes(Scene scene, String name, Consumer<Theme> choose) throws Exception {
        Files.createDirectories(FOLDER);
        WaitForAsyncUtils.waitForFxEvents();
        return Fx.call(() -> {
            Theme own = Themes.of(scene);
            try {
                return List.of(write(scene, Theme.LIGHT, choose, FOLDER.resolve(name + "-light.png")),
                        write(scene, Theme.DARK, choose, FOLDER.resolve(name + "-dark.png")));
            } finally {
                choose.accept(own);
            }
        });
    }

    private static Path write(Scene scene, Theme theme, Consumer<Theme> choose, Path file) throws IOException {
        choose.accept(theme);
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, width, height, pixels, 0, width);
        ImageIO.write(png, "png", file.toFile());
        return file;
    }
}
