package dev.tokentray.ui.tray.sni;

import dev.tokentray.ui.status.Look;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tray icon of each look as a StatusNotifierItem gives it: by name, from the icon theme
 * (the .deb installs the state icons into hicolor, where hosts find them at any size), and as
 * pixels in every size the app has, for hosts that do not look names up and for the app run
 * from its jar (no theme icons then, so no name either).
 */
final class SniIcons {
    /** The file suffixes of each look's PNGs: 16 to 64 pixels, the @2x files being the HiDPI sizes. */
    private static final String[] VARIANTS = {"16", "22", "24", "32", "22@2x", "24@2x", "32@2x"};
    private static final String FOLDER = "/dev/tokentray/ui/icons/";
    private static final String THEME_FILE = "icons/hicolor/scalable/status/%s.svg";

    private final boolean themed;
    private final Map<Look, List<StatusNotifierItem.Pixmap>> pixmaps = new EnumMap<>(Look.class);

    private SniIcons(boolean themed) {
        this.themed = themed;
    }

    /** Names the icons when the icon theme has them, in the XDG data folders of this environment. */
    static SniIcons forEnvironment(Map<String, String> environment) {
        List<Path> folders = new ArrayList<>();
        String home = environment.get("HOME");
        String dataHome = environment.get("XDG_DATA_HOME");
        if (dataHome != null && !dataHome.isBlank()) {
            folders.add(Path.of(dataHome));
        } else if (home != null) {
            folders.add(Path.of(home, ".local", "share"));
        }
        String dataDirs = environment.getOrDefault("XDG_DATA_DIRS", "");
        for (String folder : (dataDirs.isBlank() ? "/usr/local/share:/usr/share" : dataDirs).split(":")) {
            if (!folder.isBlank()) {
                folders.add(Path.of(folder));
            }
        }
        String file = THEME_FILE.formatted(themeName(Look.VALID));
        return new SniIcons(folders.stream().anyMatch(folder -> Files.isRegularFile(folder.resolve(file))));
    }

    /** The name in the icon theme, e.g. {@code upstox-token-tray-valid}; empty when the theme lacks the app's icons. */
    String name(Look look) {
        return themed ? themeName(look) : "";
    }

    static String themeName(Look look) {
        return "upstox-token-tray-" + look.name().toLowerCase(Locale.ROOT);
    }

    /** The look's pixels at each size, smallest first; read once. */
    synchronized List<StatusNotifierItem.Pixmap> pixmaps(Look look) {
        return pixmaps.computeIfAbsent(look, SniIcons::read);
    }

    private static List<StatusNotifierItem.Pixmap> read(Look look) {
        List<StatusNotifierItem.Pixmap> sizes = new ArrayList<>();
        for (String variant : VARIANTS) {
            String resource = FOLDER + look.icon() + "-" + variant + ".png";
            try (InputStream in = SniIcons.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The icon " + resource + " is missing from the app");
                }
                PngPixels.Image image = PngPixels.read(in);
                sizes.add(new StatusNotifierItem.Pixmap(image.width(), image.height(), image.argb()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the icon " + resource, e);
            }
        }
        sizes.sort((a, b) -> Integer.compare(a.width, b.width));
        return List.copyOf(sizes);
    }
}
