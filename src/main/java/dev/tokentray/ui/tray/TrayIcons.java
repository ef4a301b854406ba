package dev.tokentray.ui.tray;

import dev.tokentray.ui.status.Look;
import java.awt.Image;
import java.awt.image.BaseMultiResolutionImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The tray images of each look, at every size the icon set has, as one multi-resolution image:
 * AWT picks the variant that fits the tray's size and the screen's scale (crisp on HiDPI).
 */
final class TrayIcons {
    private static final int[] SIZES = {16, 22, 24, 32};
    private static final String FOLDER = "/dev/tokentray/ui/icons/";

    private final Map<Look, Image> images = new EnumMap<>(Look.class);

    TrayIcons() {
        for (Look look : Look.values()) {
            images.put(look, load(look.icon()));
        }
    }

    Image of(Look look) {
        return images.get(look);
    }

    private static Image load(String name) {
        List<Image> variants = new ArrayList<>();
        for (int size : SIZES) {
            variants.add(read(FOLDER + name + "-" + size + ".png"));
            variants.add(read(FOLDER + name + "-" + size + "@2x.png"));
        }
        variants.sort((a, b) -> Integer.compare(a.getWidth(null), b.getWidth(null)));
        return new BaseMultiResolutionImage(variants.toArray(Image[]::new));
    }

    private static Image read(String resource) {
        try (InputStream in = TrayIcons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The icon " + resource + " is missing from the app");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the icon " + resource, e);
        }
    }
}
