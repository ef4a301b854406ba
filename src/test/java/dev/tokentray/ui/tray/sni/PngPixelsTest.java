package dev.tokentray.ui.tray.sni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The app's own PNG reader against ImageIO's, on every tray icon the app ships. */
class PngPixelsTest {
    private static final Path ICONS = Path.of("src/main/resources/dev/tokentray/ui/icons");

    static List<Path> trayIcons() throws IOException {
        try (Stream<Path> files = Files.list(ICONS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("tray-")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("trayIcons")
    void readsEveryTrayIconAsImageIoDoesInArgbNetworkByteOrder(Path icon) throws IOException {
        BufferedImage expected = ImageIO.read(icon.toFile());
        PngPixels.Image read;
        try (InputStream in = Files.newInputStream(icon)) {
            read = PngPixels.read(in);
        }
        assertThat(read.width()).isEqualTo(expected.getWidth());
        assertThat(read.height()).isEqualTo(expected.getHeight());
        byte[] argb = read.argb();
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int at = (y * expected.getWidth() + x) * 4;
                int pixel = (argb[at] & 0xff) << 24 | (argb[at + 1] & 0xff) << 16 | (argb[at + 2] & 0xff) << 8
                        | argb[at + 3] & 0xff;
                assertThat(Integer.toHexString(pixel)).as("%s at %d,%d", icon.getFileName(), x, y)
                        .isEqualTo(Integer.toHexString(expected.getRGB(x, y)));
            }
        }
    }

    @Test
    void refusesWhatItDoesNotRead() throws IOException {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        assertThatThrownBy(() -> PngPixels.read(new ByteArrayInputStream(png.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("Only 8-bit RGBA");
        assertThatThrownBy(() -> PngPixels.read(new ByteArrayInputStream("GIF89a....".getBytes())))
                .isInstanceOf(IOException.class).hasMessage("Not a PNG file");
    }
}
