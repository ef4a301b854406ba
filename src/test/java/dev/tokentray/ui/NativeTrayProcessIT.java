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
            SniPanel panel = new SniPanel(display);
            XDisplay.Box icon = panel.icon();
            BufferedImage shot = ImageIO.read(display.screenshot("native-tray-icon").toFile());
            assertThat(green(shot.getRGB(icon.centreX() - 3, icon.centreY()))).as("the valid icon's green disc").isTrue();

            // A right click opens the menu the panel draws from the app's dbusmenu.
            XDisplay.Box menu = panel.openMenu(icon);
            display.run("xdotool", "mousemove", String.valueOf(menu.centreX()), String.valueOf(menu.y() + 16));
            panel.screenshotOfMenus("tray-menu-native", icon);

            // Copy token, its first entry.
            display.run("xdotool", "click", "1");
            Poll.until("the menu to close", WAIT, () -> panel.menus().isEmpty());
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
                    () -> host.registeredItems().contains(item) && panel.iconShown());
            assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(5));
            display.screenshot("native-tray-after-panel-restart");
            assertThat(running.isAlive()).isTrue();
        }
        assertThat(Files.readAllLines(classes)).as("classes the app loaded").isNotEmpty()
                .noneMatch(line -> line.contains(" java.awt.") || line.contains(" sun.awt.") || line.contains(" javax.imageio."));
    }

    private static boolean green(int rgb) {
        int red = rgb >> 16 & 0xff;
        int green = rgb >> 8 & 0xff;
        int blue = rgb & 0xff;
        return green > 120 && green > red + 40 && green > blue + 20;
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
