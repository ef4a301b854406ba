package dev.tokentray.ui.tray.sni;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.ui.status.Look;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SniIconsTest {
    @TempDir
    Path folder;

    @Test
    void namesTheIconsOnlyWhereTheIconThemeHasThem() throws Exception {
        Path share = folder.resolve("share");
        Map<String, String> environment = Map.of("HOME", folder.toString(), "XDG_DATA_DIRS", share.toString());
        assertThat(SniIcons.forEnvironment(environment).name(Look.VALID)).as("run from the jar").isEmpty();

        Path icon = share.resolve("icons/hicolor/scalable/status/upstox-token-tray-valid.svg");
        Files.createDirectories(icon.getParent());
        Files.writeString(icon, "<svg/>");
        SniIcons installed = SniIcons.forEnvironment(environment);
        assertThat(installed.name(Look.VALID)).isEqualTo("upstox-token-tray-valid");
        assertThat(installed.name(Look.ATTENTION)).isEqualTo("upstox-token-tray-attention");
    }

    @Test
    void theUsersOwnDataFolderCountsToo() throws Exception {
        Path icon = folder.resolve(".local/share/icons/hicolor/scalable/status/upstox-token-tray-valid.svg");
        Files.createDirectories(icon.getParent());
        Files.writeString(icon, "<svg/>");
        Map<String, String> environment = Map.of("HOME", folder.toString(), "XDG_DATA_DIRS", folder.resolve("none").toString());
        assertThat(SniIcons.forEnvironment(environment).name(Look.EXPIRING)).isEqualTo("upstox-token-tray-expiring");
    }

    @Test
    void givesEverySizeTheAppHasSmallestFirst() {
        SniIcons icons = SniIcons.forEnvironment(Map.of());
        for (Look look : Look.values()) {
            assertThat(icons.pixmaps(look)).extracting(p -> p.width).containsExactly(16, 22, 24, 32, 44, 48, 64);
            assertThat(icons.pixmaps(look)).allSatisfy(p -> assertThat(p.argb).hasSize(p.width * p.height * 4));
        }
        assertThat(icons.pixmaps(Look.VALID)).isSameAs(icons.pixmaps(Look.VALID));
    }
}
