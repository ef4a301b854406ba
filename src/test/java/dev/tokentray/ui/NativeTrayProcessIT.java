package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.DemoStops;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app on a desktop whose panel hosts StatusNotifierItems (gtk-sni-tray-standalone
 * and status-notifier-watcher, Debian's), seen from outside as a trader sees it: the icon in the
 * panel showing the worst of the demo's three accounts, its native menu opened with a right click,
 * an account's token copied from the Copy token submenu, a left click opening the window, the
 * panel restarted; and all of it without AWT in the app.
 */
class NativeTrayProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WINDOW = "Upstox Token Tray (demo)";
    /** The demo's first account, profile {@code demo}, as the menu names it. */
    private static final String FIRST = "Priya (own)";

    @TempDir
    Path home;

    /** The demo mother's refused PIN leaves a stop in the test run's keychain, which the next demo must not meet. */
    @AfterEach
    void liftTheDemosStop() throws Exception {
        DemoStops.lift();
    }

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
            // The first account's entry of the Copy token submenu, once its token is valid, updated in place.
            Poll.until("the first account's token to copy", WAIT, () -> layout(item).contains("'" + FIRST + "'")
                    && !layout(item).contains(FIRST + " (no valid token)"));
            assertThat(layout(item)).contains("'Copy token'", "'Renew all'", "'Ravi HUF'", "'Asha (mother)'");

            // The icon in the panel: the worst of the accounts, the mother's refused PIN (red), not the valid green.
            Poll.until("the refused PIN", WAIT, () -> log().contains("Automatic renewal of profile 'demo-mother' stopped"));
            Poll.until("the item to need attention", WAIT, () -> status(item).contains("NeedsAttention"));
            SniPanel panel = new SniPanel(display);
            Poll.until("the attention icon in the panel", WAIT, Duration.ofMillis(200),
                    () -> reds(display.grab(), panel.icon()) > 20);
            XDisplay.Box icon = panel.icon();
            BufferedImage shot = ImageIO.read(display.screenshot("native-tray-icon").toFile());
            assertThat(reds(shot, icon)).as("the attention icon's red").isGreaterThan(20);

            // A right click opens the menu the panel draws from the app's dbusmenu; the mouse on its first
            // entry, Copy token, opens the submenu of the accounts.
            XDisplay.Box menu = panel.openMenu(icon);
            display.run("xdotool", "mousemove", String.valueOf(menu.centreX()), String.valueOf(menu.y() + 16));
            Poll.until("the accounts' submenu to open", WAIT, () -> panel.menus().size() == 2);
            XDisplay.Box accounts = panel.menus().stream().filter(box -> !box.equals(menu)).findFirst().orElseThrow();
            display.awaitPainted("the accounts' submenu", accounts);
            panel.screenshotOfMenus("tray-menu-native", icon);

            // The first account's token, the submenu's first entry.
            display.run("xdotool", "mousemove", String.valueOf(accounts.centreX()), String.valueOf(accounts.y() + 16),
                    "click", "1");
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

    /** The icon's red pixels: the attention triangle's (240,72,26); the expiring amber (242,162,12) is none. */
    private static long reds(BufferedImage screen, XDisplay.Box icon) {
        long reds = 0;
        for (int y = icon.y(); y < icon.y() + icon.height(); y++) {
            for (int x = icon.x(); x < icon.x() + icon.width(); x++) {
                int rgb = screen.getRGB(x, y);
                int red = rgb >> 16 & 0xff;
                if (red > 150 && red > (rgb >> 8 & 0xff) + 120 && red > (rgb & 0xff) + 120) {
                    reds++;
                }
            }
        }
        return reds;
    }

    private static String status(String item) throws Exception {
        return SniHost.gdbusCall(item, "/StatusNotifierItem", "org.freedesktop.DBus.Properties.Get",
                "org.kde.StatusNotifierItem", "Status").stdout();
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
