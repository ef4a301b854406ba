package dev.tokentray.ui;

import dev.tokentray.testsupport.Poll;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The bar of {@code testsupport/SniHost}'s gtk-sni-tray-standalone on the test run's display, seen
 * with the X tools as a trader's eyes and mouse meet it: where the icon is drawn, the menus it
 * opens, screenshots of them.
 */
final class SniPanel {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOST = "gtk-sni-tray-standalone";

    private final XDisplay display;

    SniPanel(XDisplay display) {
        this.display = display;
    }

    /** The icon: where the bar's pixels differ from its background (its left end, where no icon is). */
    XDisplay.Box icon() throws Exception {
        Poll.until("an icon in the panel", WAIT, Duration.ofMillis(100), this::iconShown);
        return unlikeBackground(display.grab(), bar().orElseThrow()).orElseThrow();
    }

    boolean iconShown() throws Exception {
        Optional<XDisplay.Box> bar = bar();
        return bar.isPresent() && unlikeBackground(display.grab(), bar.get()).isPresent();
    }

    /** The menus open now (the menu, and a submenu beside it): the host's windows other than its bar. */
    List<XDisplay.Box> menus() throws Exception {
        return display.mapped(HOST).stream().filter(box -> box.width() <= 500 && box.height() > 20).toList();
    }

    /** Right-clicks the icon, and returns the menu once it is drawn. */
    XDisplay.Box openMenu(XDisplay.Box icon) throws Exception {
        display.run("xdotool", "mousemove", String.valueOf(icon.centreX()), String.valueOf(icon.centreY()), "click", "3");
        Poll.until("the menu to open", WAIT, () -> !menus().isEmpty());
        XDisplay.Box menu = menus().getFirst();
        display.awaitPainted("the menu", menu);
        return menu;
    }

    /** The menus and the panel's corner, to {@code target/screenshots/NAME.png}. */
    void screenshotOfMenus(String name, XDisplay.Box icon) throws Exception {
        List<XDisplay.Box> open = menus();
        BufferedImage whole = ImageIO.read(display.screenshot(name + "-screen").toFile());
        int left = Math.max(0, Math.min(icon.x(), open.stream().mapToInt(XDisplay.Box::x).min().orElse(icon.x())) - 150);
        int top = Math.max(0, open.stream().mapToInt(XDisplay.Box::y).min().orElse(icon.y()) - 40);
        Path file = Screenshots.FOLDER.resolve(name + ".png");
        ImageIO.write(whole.getSubimage(left, top, whole.getWidth() - left, whole.getHeight() - top), "png", file.toFile());
    }

    private Optional<XDisplay.Box> bar() throws Exception {
        return display.mapped(HOST).stream().filter(box -> box.width() > 500).findFirst();
    }

    private static Optional<XDisplay.Box> unlikeBackground(BufferedImage screen, XDisplay.Box bar) {
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
}
