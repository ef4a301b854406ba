package dev.tokentray.ui;

import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * An X display to look at from outside, with the X tools: the test run's own ({@link #ofTestRun()})
 * or a second Xvfb of a test's own with nothing else on it ({@link #startXvfb}: no tray host, no
 * window manager), which {@link #close()} stops.
 */
final class XDisplay implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A line of {@code xwininfo -tree}: its size, then (after the relative position) its place on the screen. */
    private static final Pattern GEOMETRY = Pattern.compile("(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    /** Where a window is on the screen. */
    record Box(int x, int y, int width, int height) {
        int centreX() {
            return x + width / 2;
        }

        int centreY() {
            return y + height / 2;
        }
    }

    private final String name;
    private final Path authority;
    private final Process server;

    private XDisplay(String name, Path authority, Process server) {
        this.name = name;
        this.authority = authority;
        this.server = server;
    }

    static XDisplay ofTestRun() {
        String display = System.getenv("DISPLAY");
        String authority = System.getenv("XAUTHORITY");
        return new XDisplay(display, authority == null ? null : Path.of(authority), null);
    }

    /**
     * Starts Xvfb on a free display number (it picks one itself, as scripts/lib/with-test-desktop.sh
     * does), with a cookie of its own in {@code folder}. With {@code -noreset}: otherwise the server
     * resets each time its last client leaves (a test's xwininfo), and refuses whoever connects
     * meanwhile, the app under test included.
     */
    static XDisplay startXvfb(Path folder) throws Exception {
        Path authority = folder.resolve("Xauthority");
        Path number = folder.resolve("display-number");
        Files.createFile(authority);
        Files.createFile(number);
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        String cookie = HexFormat.of().formatHex(bytes);
        xauth(authority, ":0", cookie); // for the server: it accepts this cookie whatever the number
        Process server = new ProcessBuilder("bash", "-c",
                "exec Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset -auth \"$1\" 3>\"$2\"", "xvfb",
                authority.toString(), number.toString())
                .redirectOutput(folder.resolve("xvfb.log").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            Poll.until("Xvfb to pick its display", WAIT, () -> !Files.readString(number).isBlank());
            String name = ":" + Files.readString(number).strip();
            xauth(authority, name, cookie);
            XDisplay display = new XDisplay(name, authority, server);
            Poll.until("the display " + name + " to answer", WAIT, () -> display.run("xdpyinfo").succeeded());
            return display;
        } catch (Exception | AssertionError e) {
            server.destroyForcibly();
            throw e;
        }
    }

    private static void xauth(Path authority, String display, String cookie) throws Exception {
        if (!Commands.run(WAIT, "xauth", "-q", "-f", authority.toString(), "add", display, ".", cookie).succeeded()) {
            throw new IOException("xauth could not add a cookie for " + display);
        }
    }

    /** DISPLAY and XAUTHORITY for a program that is to use this display. */
    Map<String, String> environment() {
        return authority == null ? Map.of("DISPLAY", name)
                : Map.of("DISPLAY", name, "XAUTHORITY", authority.toString());
    }

    String name() {
        return name;
    }

    /** Runs an X tool against this display. */
    Commands.Result run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment());
        return Commands.run(WAIT, builder);
    }

    /** Whether a window of this name is mapped and viewable ({@code xwininfo -name}). */
    boolean shows(String windowName) throws Exception {
        Commands.Result info = run("xwininfo", "-name", windowName);
        return info.succeeded() && info.stdout().contains("Map State: IsViewable");
    }

    /**
     * Waits until the window of this name is mapped and drawn: X shows a window before its program
     * has painted it, and a screenshot then shows what was there before (the black root, mostly).
     * Drawn means: none of its corners (5 pixels in) is the root's black any more.
     */
    void awaitDrawn(String windowName) throws Exception {
        Poll.until("the window '" + windowName + "' to be drawn on " + name, WAIT, Duration.ofMillis(100), () -> {
            Commands.Result info = run("xwininfo", "-name", windowName);
            if (!info.succeeded() || !info.stdout().contains("Map State: IsViewable")) {
                return false;
            }
            int x = number(info.stdout(), "Absolute upper-left X:");
            int y = number(info.stdout(), "Absolute upper-left Y:");
            int width = number(info.stdout(), "Width:");
            int height = number(info.stdout(), "Height:");
            BufferedImage screen = grab();
            int[][] corners = {{x + 5, y + 5}, {x + width - 6, y + 5}, {x + 5, y + height - 6},
                    {x + width - 6, y + height - 6}};
            for (int[] corner : corners) {
                int cx = Math.clamp(corner[0], 0, screen.getWidth() - 1);
                int cy = Math.clamp(corner[1], 0, screen.getHeight() - 1);
                if ((screen.getRGB(cx, cy) & 0xFFFFFF) == 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private static int number(String xwininfo, String label) {
        for (String line : xwininfo.lines().toList()) {
            if (line.strip().startsWith(label)) {
                return Integer.parseInt(line.strip().substring(label.length()).strip());
            }
        }
        throw new IllegalStateException("xwininfo printed no '" + label + "'");
    }

    /** The mapped (viewable) windows whose name contains {@code name}, in the order of {@code xwininfo -root -tree}. */
    List<Box> mapped(String name) throws Exception {
        List<Box> found = new ArrayList<>();
        for (String line : run("xwininfo", "-root", "-tree").stdout().lines().toList()) {
            Matcher geometry = GEOMETRY.matcher(line);
            if (!line.contains(name) || !geometry.find()) {
                continue;
            }
            if (run("xwininfo", "-id", line.strip().split("\\s+")[0]).stdout().contains("Map State: IsViewable")) {
                found.add(new Box(Integer.parseInt(geometry.group(3)), Integer.parseInt(geometry.group(4)),
                        Integer.parseInt(geometry.group(1)), Integer.parseInt(geometry.group(2))));
            }
        }
        return found;
    }

    /**
     * Waits until the box is painted: X fills a new window with one background colour until its
     * program draws in it (text and lines add colours).
     */
    void awaitPainted(String what, Box box) throws Exception {
        Poll.until(what + " to be drawn", WAIT, Duration.ofMillis(100), () -> {
            BufferedImage image = grab().getSubimage(box.x(), box.y(), box.width(), box.height());
            return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                    .distinct().count() > 2;
        });
    }

    /** The whole screen now, as an image. */
    BufferedImage grab() throws Exception {
        Path file = Files.createTempFile("screen-", ".png");
        try {
            if (!run("import", "-window", "root", file.toString()).succeeded()) {
                throw new IOException("import could not take a screenshot of " + name);
            }
            return ImageIO.read(file.toFile());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The window names {@code xwininfo -root -tree} lists, mapped or not. */
    List<String> windowNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : run("xwininfo", "-root", "-tree").stdout().lines().toList()) {
            int open = line.indexOf('"');
            int close = open < 0 ? -1 : line.indexOf('"', open + 1);
            if (close > open) {
                names.add(line.substring(open + 1, close));
            }
        }
        return names;
    }

    /** One window, by its name, to {@code target/screenshots/NAME.png}. */
    Path screenshotOf(String windowName, String fileName) throws Exception {
        Commands.Result info = run("xwininfo", "-name", windowName);
        String id = info.stdout().lines().filter(line -> line.contains("Window id:")).findFirst()
                .map(line -> line.strip().split("\\s+")[3]).orElseThrow(() -> new IOException("no window " + windowName));
        Files.createDirectories(Screenshots.FOLDER);
        Path file = Screenshots.FOLDER.resolve(fileName + ".png");
        if (!run("import", "-window", id, file.toString()).succeeded()) {
            throw new IOException("import could not take a screenshot of " + windowName);
        }
        return file;
    }

    /** The whole screen, to {@code target/screenshots/NAME.png}. */
    Path screenshot(String fileName) throws Exception {
        Files.createDirectories(Screenshots.FOLDER);
        Path file = Screenshots.FOLDER.resolve(fileName + ".png");
        if (!run("import", "-window", "root", file.toString()).succeeded()) {
            throw new IOException("import could not take a screenshot of " + name);
        }
        return file;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
