package dev.tokentray.ui.tray;

import dev.tokentray.ui.tray.sni.StatusNotifierTray;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the tray of this desktop, once at start. On Linux (and the other desktops of D-Bus) the
 * StatusNotifierItem when the session bus has a watcher with a host that draws it: the desktop's
 * own icon and menu, on X11 and Wayland alike, and no AWT loaded. Else AWT's tray: the XEmbed
 * tray of older X11 panels, the notification area on Windows, the menu bar on macOS. Else none:
 * the app keeps its window.
 */
public final class Trays {
    private static final Logger LOG = LoggerFactory.getLogger(Trays.class);

    private Trays() {}

    /**
     * @param osName      the {@code os.name} system property
     * @param environment the process's environment (where the icon theme is)
     * @param onChoice    hears the menu's choices, and {@link TrayMenu.Action#OPEN} for a click on the icon
     * @return the tray the icon is in, or empty when this desktop shows no tray icons
     */
    public static Optional<Tray> install(TrayView first, Consumer<TrayMenu.Choice> onChoice, String osName,
            Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (!os.startsWith("windows") && !os.startsWith("mac")) {
            Optional<StatusNotifierTray> item = StatusNotifierTray.install(first, onChoice, environment);
            if (item.isPresent()) {
                return Optional.of(item.get());
            }
        }
        Optional<AwtTray> awt = AwtTray.install(first, onChoice);
        awt.ifPresent(tray -> LOG.info("The tray icon is in AWT's system tray{}", os.startsWith("linux") ? " (XEmbed)" : ""));
        return awt.map(Tray.class::cast);
    }

    /** This machine's tray. */
    public static Optional<Tray> install(TrayView first, Consumer<TrayMenu.Choice> onChoice) {
        return install(first, onChoice, System.getProperty("os.name"), System.getenv());
    }
}
