package dev.tokentray.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.Set;
import javafx.application.ColorScheme;
import org.junit.jupiter.api.Test;

/** Which palette a theme takes, and that both palettes define every colour app.css looks up. */
class ThemesTest {

    @Test
    void followTheSystemTakesTheDesktopsScheme() {
        assertThat(Themes.isDark(Theme.SYSTEM, ColorScheme.DARK)).isTrue();
        assertThat(Themes.isDark(Theme.SYSTEM, ColorScheme.LIGHT)).isFalse();
        assertThat(Themes.isDark(Theme.LIGHT, ColorScheme.DARK)).isFalse();
        assertThat(Themes.isDark(Theme.DARK, ColorScheme.LIGHT)).isTrue();
    }

    @Test
    void theSharedSheetComesFirstThenThePalette() {
        assertThat(Themes.stylesheets(true)).containsExactly(Themes.APP_CSS, Themes.DARK_CSS);
        assertThat(Themes.stylesheets(false)).containsExactly(Themes.APP_CSS, Themes.LIGHT_CSS);
    }

    @Test
    void bothPalettesDefineEveryColourTheSharedSheetUses() throws IOException {
        Set<String> used = names(read(Themes.APP_CSS), Pattern.compile("(-tt-[a-z-]+)"));
        used.remove("-tt-look"); // set by the look classes themselves
        for (String palette : new String[] {Themes.LIGHT_CSS, Themes.DARK_CSS}) {
            Set<String> defined = names(read(palette), Pattern.compile("(-tt-[a-z-]+)\\s*:"));
            assertThat(defined).as(palette).containsAll(used);
        }
    }

    @Test
    void theLookClassesOfTheStatusWindowExist() throws IOException {
        String css = read(Themes.APP_CSS);
        for (String look : new String[] {"valid", "expiring", "expired", "renewing", "attention"}) {
            assertThat(css).contains(".look-" + look + " { -tt-look: -tt-" + look + "; }");
        }
        assertThat(css).contains(".demo-badge");
    }

    @Test
    void textKeepsAtLeastFourAndAHalfToOneOnItsBackgroundInBothPalettes() throws IOException {
        for (String palette : new String[] {Themes.LIGHT_CSS, Themes.DARK_CSS}) {
            java.util.Map<String, String> colours = colours(read(palette));
            String[][] pairs = {
                {"-tt-text", "-fx-background"}, {"-tt-text", "-tt-surface"}, {"-tt-text", "-tt-header"},
                {"-tt-muted", "-fx-background"}, {"-tt-muted", "-tt-surface"}, {"-tt-muted", "-tt-header"},
                {"-tt-error", "-fx-background"}, {"-tt-success", "-fx-background"},
                {"-tt-text", "-tt-error-bg"}, {"-tt-text", "-tt-success-bg"}, {"-tt-text", "-tt-info-bg"},
                {"-tt-valid", "-fx-background"}, {"-tt-expiring", "-fx-background"}, {"-tt-expired", "-fx-background"},
                {"-tt-renewing", "-fx-background"}, {"-tt-attention", "-fx-background"},
                {"-tt-valid", "-tt-surface"}, {"-tt-expiring", "-tt-surface"}, {"-tt-expired", "-tt-surface"},
                {"-tt-renewing", "-tt-surface"}, {"-tt-attention", "-tt-surface"},
                {"-tt-on-look", "-tt-valid"}, {"-tt-on-look", "-tt-expiring"}, {"-tt-on-look", "-tt-expired"},
                {"-tt-on-look", "-tt-renewing"}, {"-tt-on-look", "-tt-attention"},
                {"-tt-on-demo", "-tt-demo"},
            };
            for (String[] pair : pairs) {
                double ratio = contrast(colours.get(pair[0]), colours.get(pair[1]));
                assertThat(ratio).as(palette.substring(palette.lastIndexOf('/') + 1) + ": " + pair[0] + " on " + pair[1])
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    private static java.util.Map<String, String> colours(String css) {
        java.util.Map<String, String> colours = new java.util.HashMap<>();
        Matcher matcher = Pattern.compile("(-(?:tt|fx)-[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(css);
        while (matcher.find()) {
            colours.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return colours;
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            rgb[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    private static Set<String> names(String css, Pattern pattern) {
        Set<String> names = new HashSet<>();
        Matcher matcher = pattern.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String read(String url) throws IOException {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
