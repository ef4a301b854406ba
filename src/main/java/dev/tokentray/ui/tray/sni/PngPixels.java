package dev.tokentray.ui.tray.sni;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The pixels of the app's own tray icons, read from their PNG files without {@code javax.imageio}:
 * ImageIO's first image loads AWT's native libraries (libawt and, on a desktop, its X11 toolkit
 * library), which the StatusNotifierItem tray exists to leave out. The icons are 8-bit RGBA,
 * non-interlaced ({@code icons/render.sh} writes them so), and that is the only kind this reads;
 * anything else is refused, not guessed at.
 */
final class PngPixels {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int BYTES_PER_PIXEL = 4;

    /** The image: its size, and its pixels row by row as ARGB32 in network byte order (A, R, G, B). */
    record Image(int width, int height, byte[] argb) {}

    private PngPixels() {}

    static Image read(InputStream png) throws IOException {
        DataInputStream in = new DataInputStream(png);
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("Not a PNG file");
        }
        int width = -1;
        int height = -1;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        while (true) {
            int length = in.readInt();
            String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
            byte[] data = in.readNBytes(length);
            if (data.length != length) {
                throw new EOFException("The PNG file ends inside its " + type + " chunk");
            }
            in.readInt(); // the CRC: the file comes from the app's own jar
            switch (type) {
                case "IHDR" -> {
                    width = readInt(data, 0);
                    height = readInt(data, 4);
                    int depth = data[8];
                    int colour = data[9];
                    int interlace = data[12];
                    if (depth != 8 || colour != 6 || interlace != 0) {
                        throw new IOException("Only 8-bit RGBA non-interlaced PNG is read here, not depth " + depth
                                + ", colour type " + colour + ", interlace " + interlace);
                    }
                }
                case "IDAT" -> compressed.writeBytes(data);
                case "IEND" -> {
                    if (width < 0) {
                        throw new IOException("The PNG file has no IHDR chunk");
                    }
                    return new Image(width, height, toArgb(unfilter(inflate(compressed.toByteArray(), width, height),
                            width, height)));
                }
                default -> { } // ancillary chunks (gamma, colour profile) change nothing for a tray icon
            }
        }
    }

    private static int readInt(byte[] data, int at) {
        return (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
    }

    private static byte[] inflate(byte[] compressed, int width, int height) throws IOException {
        byte[] raw = new byte[height * (1 + width * BYTES_PER_PIXEL)];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int filled = 0;
            while (filled < raw.length && !inflater.finished()) {
                int n = inflater.inflate(raw, filled, raw.length - filled);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != raw.length) {
                throw new IOException("The PNG file's image data is " + filled + " bytes, not " + raw.length);
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IOException("The PNG file's image data is damaged", e);
        } finally {
            inflater.end();
        }
    }

    /** Undoes the per-row filters of the PNG specification (section 9): None, Sub, Up, Average, Paeth. */
    private static byte[] unfilter(byte[] raw, int width, int height) throws IOException {
        int stride = width * BYTES_PER_PIXEL;
        byte[] pixels = new byte[height * stride];
        for (int y = 0; y < height; y++) {
            int filter = raw[y * (stride + 1)];
            int in = y * (stride + 1) + 1;
            int out = y * stride;
            for (int x = 0; x < stride; x++) {
                int left = x >= BYTES_PER_PIXEL ? pixels[out + x - BYTES_PER_PIXEL] & 0xff : 0;
                int up = y > 0 ? pixels[out + x - stride] & 0xff : 0;
                int upLeft = x >= BYTES_PER_PIXEL && y > 0 ? pixels[out + x - stride - BYTES_PER_PIXEL] & 0xff : 0;
                int predicted = switch (filter) {
                    case 0 -> 0;
                    case 1 -> left;
                    case 2 -> up;
                    case 3 -> (left + up) / 2;
                    case 4 -> paeth(left, up, upLeft);
                    default -> throw new IOException("Unknown PNG row filter " + filter);
                };
                pixels[out + x] = (byte) (raw[in + x] + predicted);
            }
        }
        return pixels;
    }

    private static int paeth(int left, int up, int upLeft) {
        int estimate = left + up - upLeft;
        int toLeft = Math.abs(estimate - left);
        int toUp = Math.abs(estimate - up);
        int toUpLeft = Math.abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft) {
            return left;
        }
        return toUp <= toUpLeft ? up : upLeft;
    }

    private static byte[] toArgb(byte[] rgba) {
        byte[] argb = new byte[rgba.length];
        for (int i = 0; i < rgba.length; i += BYTES_PER_PIXEL) {
            argb[i] = rgba[i + 3];
            argb[i + 1] = rgba[i];
            argb[i + 2] = rgba[i + 1];
            argb[i + 3] = rgba[i + 2];
        }
        return argb;
    }
}
