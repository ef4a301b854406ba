package dev.tokentray.ui.settings;

import java.net.URL;
import java.util.List;
import java.util.Objects;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * The app's two looks. Every window's scene gets the shared {@code app.css} and the palette of its
 * theme ({@code app-light.css} or {@code app-dark.css}); "follow the system" listens to the
 * desktop's colour scheme ({@code Platform.getPreferences()}) and switches while the window is open.
 * Explicit themes also tell the window decorations (where the platform draws them dark or light).
 *
 * <p>Style classes for every window: {@code look-valid}, {@code look-expiring}, {@code look-expired},
 * {@code look-renewing}, {@code look-attention} (on a Label: its text colour; on a Region or Shape
 * with {@code look-fill}, or inside a node with the look class: the fill), {@code demo-badge},
 * {@code tone-info}/{@code tone-success}/{@code tone-error} for notices, {@code title},
 * {@code subtitle}, {@code section}, {@code help}, {@code problem}, {@code muted}.
 */
public final class Themes {
    public static final String APP_CSS = stylesheet("app.css");
    public static final String LIGHT_CSS = stylesheet("app-light.css");
    public static final String DARK_CSS = stylesheet("app-dark.css");

    private static final String THEME_KEY = Themes.class.getName() + ".theme";
    private static final String LISTENER_KEY = Themes.class.getName() + ".listener";

    private Themes() {}

    /** Styles the scene for the theme, now and (for {@link Theme#SYSTEM}) whenever the desktop switches. FX thread. */
    public static void apply(Scene scene, Theme theme) {
        Objects.requireNonNull(theme, "theme");
        scene.getProperties().put(THEME_KEY, theme);
        scene.getPreferences().setColorScheme(switch (theme) {
            case SYSTEM -> null;
            case LIGHT -> ColorScheme.LIGHT;
            case DARK -> ColorScheme.DARK;
        });
        if (!scene.getProperties().containsKey(LISTENER_KEY)) {
            InvalidationListener restyle = observable -> restyle(scene);
            // Held by the scene, heard weakly by the platform: a closed window is not kept alive.
            scene.getProperties().put(LISTENER_KEY, restyle);
            Platform.getPreferences().colorSchemeProperty().addListener(new WeakInvalidationListener(restyle));
        }
        restyle(scene);
    }

    /** Styles a dialog like the window it belongs to. */
    public static void apply(Dialog<?> dialog, Theme theme) {
        Scene scene = dialog.getDialogPane().getScene();
        if (scene != null) {
            apply(scene, theme);
        } else {
            dialog.getDialogPane().getStylesheets().setAll(stylesheets(isDark(theme, systemScheme())));
        }
    }

    /** Restyles every open window that was styled here, after the trader chose another theme. */
    public static void applyToAll(Theme theme) {
        for (Window window : List.copyOf(Window.getWindows())) {
            Scene scene = window.getScene();
            if (scene != null && scene.getProperties().containsKey(THEME_KEY)) {
                apply(scene, theme);
            }
        }
    }

    /** The theme the scene was styled with; {@link Theme#SYSTEM} when none. */
    public static Theme of(Scene scene) {
        return scene.getProperties().get(THEME_KEY) instanceof Theme theme ? theme : Theme.SYSTEM;
    }

    /** Whether the theme is dark when the desktop's scheme is {@code system}. */
    public static boolean isDark(Theme theme, ColorScheme system) {
        return switch (theme) {
            case SYSTEM -> system == ColorScheme.DARK;
            case LIGHT -> false;
            case DARK -> true;
        };
    }

    /** The stylesheets for a look, in the order they go on a scene. */
    public static List<String> stylesheets(boolean dark) {
        return List.of(APP_CSS, dark ? DARK_CSS : LIGHT_CSS);
    }

    private static void restyle(Scene scene) {
        boolean dark = isDark(of(scene), systemScheme());
        List<String> wanted = stylesheets(dark);
        var sheets = scene.getStylesheets();
        if (!sheets.containsAll(wanted) || sheets.contains(dark ? LIGHT_CSS : DARK_CSS)) {
            sheets.removeAll(APP_CSS, LIGHT_CSS, DARK_CSS);
            sheets.addAll(wanted);
        }
    }

    private static ColorScheme systemScheme() {
        return Platform.getPreferences().getColorScheme();
    }

    private static String stylesheet(String name) {
        URL url = Themes.class.getResource("/dev/tokentray/ui/" + name);
        if (url == null) {
            throw new IllegalStateException("The stylesheet " + name + " is missing from the app");
        }
        return url.toExternalForm();
    }
}
