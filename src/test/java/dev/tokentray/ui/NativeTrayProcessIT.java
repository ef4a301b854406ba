package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.SniHost;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app on a desktop whose panel hosts StatusNotifierItems (gtk-sni-tray-standalone
 * and status-notifier-watcher, Debian's), seen from outside as a trader sees it: the icon in the
 * panel, its native menu opened with a right click, Copy token chosen from it, a left click
 * opening the window, the panel restarted; and all of it without AWT in the app.
 */
class NativeTrayProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WINDOW = "Upstox Token Tray (demo)";
    private static final String HOST = "gtk-sni-tray-standalone";

    @TempDir
    Path home;

    @Test
    void theIconSitsInThePanelItsNativeMenuCopiesTheTokenAndAwtIsNeverLoaded() throws Exception {
        RealEnvironment.requireStatusNotifierHost();
        RealEnvironment.requireKeychain();
        XDisplay display = XDisplay.ofTestRun();
        display.run("dunstctl", "close-all"); // earlier tests' notifications would cover the screenshots
        Path classes = home.resolve("classes.log");
        // A fresh demo login, so that the token lives its three minutes from now, through this test.
        assertThat(new AppProcess(home).run("forget", "--profile", "demo").exitCode()).isZero();
        try (SniHost host = SniHost.start();
                AppProcess.Running running = new AppProcess(home)
                        .set("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes)
                        .start("--demo", "--hidden")) {
            Poll.until("the demo token", WAIT, Duration.ofMillis(200), () -> {
                assertThat(running.isAlive()).as("the app runs; stderr: %s", running.stderrSoFar()).isTrue();
                return log().contains("Renewed the token of profile 'demo'");
            });
            assertThat(log()).contains("The tray icon is the StatusNotifierItem org.kde.StatusNotifierItem-");
            String item = host.registeredItems().getFirst();
            Poll.until("Copy token in the menu", WAIT, () -> layout(item).contains("'label': <'Copy token'>, 'enabled': <true>"));

            // The icon in the panel, in the valid token's green.
            XDisplay.Box icon = iconIn(display, bar(display));
            BufferedImage shot = ImageIO.read(display.screenshot("native-tray-icon").toFile());
            assertThat(green(shot.getRGB(icon.centreX() - 3, icon.centreY()))).as("the valid icon's green disc").isTrue();

            // A right click opens the menu the panel draws from the app's dbusmenu.
            display.run("xdotool", "mousemove", String.valueOf(icon.centreX()), String.valueOf(icon.centreY()), "click", "3");
            Poll.until("the menu to open", WAIT, () -> menu(display).isPresent());
            XDisplay.Box menu = menu(display).orElseThrow();
            display.run("xdotool", "mousemove", String.valueOf(menu.centreX()), String.valueOf(menu.y() + 16));
            display.awaitPainted("the menu", menu);
            screenshotOfMenu(display, menu, icon);

            // Copy token, its first entry.
            display.run("xdotool", "click", "1");
            Poll.until("the menu to close", WAIT, () -> menu(display).isEmpty());
            String token = new AppProcess(home).run("token", "--profile", "demo").stdout().strip();
            assertThat(token).startsWith("eyJ");
            Poll.until("the token on the clipboard", WAIT, Duration.ofMillis(200), () -> clipboard().equals(Optional.of(token)));

            // A left click (Activate) opens the window.
            display.run("xdotool", "mousemove", String.valueOf(icon.centreX()), String.valueOf(icon.centreY()), "click", "1");
            Poll.until("the window to open", WAIT, () -> display.shows(WINDOW));
            display.awaitDrawn(WINDOW);

            // The panel restarts: the icon is back within 5 s, by itself.
            host.restart();
            long restarted = System.nanoTime();
            Poll.until("the icon to come back", Duration.ofSeconds(5), Duration.ofMillis(50),
                    () -> host.registeredItems().contains(item) && iconShown(display));
            assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(5));
            display.screenshot("native-tray-after-panel-restart");
            assertThat(running.isAlive()).isTrue();
        }
        assertThat(Files.readAllLines(classes)).as("classes the app loaded").isNotEmpty()
                .noneMatch(line -> line.contains(" java.awt.") || line.contains(" sun.awt.") || line.contains(" javax.imageio."));
    }

    /** The panel's bar along the bottom of the screen. */
    private static XDisplay.Box bar(XDisplay display) throws Exception {
        return display.mapped(HOST).stream().filter(box -> box.width() > 500).findFirst()
                .orElseThrow(() -> new AssertionError("no panel of " + HOST + " on the screen"));
    }

    /** The menu: a window of the host's other than its bar. */
    private static Optional<XDisplay.Box> menu(XDisplay display) throws Exception {
        return display.mapped(HOST).stream().filter(box -> box.width() <= 500 && box.height() > 50).findFirst();
    }

    /** The icon: where the bar's pixels differ from its background (its left end, where no icon is). */
    private static XDisplay.Box iconIn(XDisplay display, XDisplay.Box bar) throws Exception {
        Poll.until("an icon in the panel", WAIT, Duration.ofMillis(100), () -> iconShown(display));
        return pixelsUnlikeBackground(display.grab(), bar).orElseThrow();
    }

    private static boolean iconShown(XDisplay display) throws Exception {
        List<XDisplay.Box> bars = display.mapped(HOST).stream().filter(box -> box.width() > 500).toList();
        return !bars.isEmpty() && pixelsUnlikeBackground(display.grab(), bars.getFirst()).isPresent();
    }

    private static Optional<XDisplay.Box> pixelsUnlikeBackground(BufferedImage screen, XDisplay.Box bar) {
        int background = screen.getRGB(bar.x() + 2, bar.y() + 2);
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        int bottom = -1;
        for (int y = bar.y(); y < bar.y() + bar.height(); y++) {
            for (int x = bar.x(); x < bar.x() + bar.width(); x++) {
                if (screen.getRGB(x, y) != background) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        return right < 0 ? Optional.empty() : Optional.of(new XDisplay.Box(left, top, right - left + 1, bottom - top + 1));
    }

    private static boolean green(int rgb) {
        int red = rgb >> 16 & 0xff;
        int green = rgb >> 8 & 0xff;
        int blue = rgb & 0xff;
        return green > 120 && green > red + 40 && green > blue + 20;
    }

    /** The open menu with the panel's corner, for the README: {@code target/screenshots/tray-menu-native.png}. */
    private static void screenshotOfMenu(XDisplay display, XDisplay.Box menu, XDisplay.Box icon) throws Exception {
        BufferedImage whole = ImageIO.read(display.screenshot("tray-menu-native-screen").toFile());
        int left = Math.max(0, Math.min(menu.x(), icon.x()) - 150);
        int top = Math.max(0, menu.y() - 40);
        ImageIO.write(whole.getSubimage(left, top, whole.getWidth() - left, whole.getHeight() - top), "png",
                Screenshots.FOLDER.resolve("tray-menu-native.png").toFile());
    }

    private static String layout(String item) throws Exception {
        return SniHost.gdbusCall(item, "/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "-1", "[]").stdout();
    }

    /** The X clipboard as any program reads it (here this test's JVM, through AWT). */
    private static Optional<String> clipboard() throws IOException {
        try {
            return Optional.of((String) Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor));
        } catch (UnsupportedFlavorException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private String log() throws IOException {
        Path log = home.resolve(".local/state/upstox-token-tray/logs/upstox-token-tray.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
