package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static dev.tokentray.ui.AppUnderTest.simulatorDefaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.token.AccessToken;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.awt.image.MultiResolutionImage;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's icon in a real tray: trayer, the tray host of the test desktop, embeds it (XEmbed) on
 * the test run's X display. Its tooltip and menu are read back from AWT's {@link SystemTray}; the
 * menu is opened with a real right click for its screenshot.
 */
class TrayFxTest extends RealAppFxTest {
    private static final String TITLE = "Upstox Token Tray: ";

    /** One menu entry as the tray shows it: "-" for a separator, "[ ] " before a check item's label. */
    record Entry(String label, boolean enabled) {}

    @BeforeAll
    static void needsATrayHost() {
        RealEnvironment.requireTrayHost();
    }

    @AfterEach
    void quitAndLeaveTheTray() throws Exception {
        if (app != null) {
            app.close();
            app = null;
            Poll.until("the icon to leave the tray", WAIT, () -> icon().isEmpty());
        }
    }

    @Test
    void theIconSaysUntilWhenTheValidTokenLastsAndItsMenuOffersCopyRenewBrowserLoginApprovalOpenSettingsStartAtLoginAndQuit()
            throws Exception {
        // No notification of its own ("Token renewed") covers the menu in the screenshot.
        app = AppUnderTest.in(folder).notifications(EnumSet.noneOf(NotificationKind.class)).start();
        app.awaitLook(Look.VALID);

        Poll.until("the tooltip of a valid token", WAIT, () -> tooltip().startsWith(TITLE + "Upstox token valid until "));
        assertThat(tooltip()).matches(Pattern.quote(TITLE) + "Upstox token valid until \\d\\d:\\d\\d IST, (\\d+ h )?\\d+ min left");
        Poll.until("the menu with Start at login", WAIT, () -> menu().size() == 10);
        assertThat(menu()).containsExactly(
                new Entry("Copy token", true),
                new Entry("Renew now", true),
                new Entry("Log in with browser…", true),
                new Entry("Request approval…", true),
                new Entry("Open Upstox Token Tray", true),
                new Entry("-", true),
                new Entry("Settings…", true),
                new Entry("[ ] Start at login", true),
                new Entry("-", true),
                new Entry("Quit", true));

        screenshotOfTheOpenMenu("tray-menu", false);
    }

    @Test
    void anExpiringTokenShowsInTheIconWithTheMinutesLeftAndCanStillBeCopied() throws Exception {
        app = AppUnderTest.in(folder).storedTokenFrom(simulatorDefaults().withTokenLifetime(Duration.ofMinutes(30))).start();
        app.awaitLook(Look.EXPIRING);
        assertThat(app.text("countdown")).matches("00:[23]\\d:\\d\\d");

        Poll.until("the tooltip of an expiring token", WAIT, () -> tooltip().contains("expires at"));
        assertThat(tooltip()).matches(Pattern.quote(TITLE) + "Upstox token expires at \\d\\d:\\d\\d IST, (29|30) min left");
        assertThat(menu()).startsWith(new Entry("Copy token", true), new Entry("Renew now", true));
        Screenshots.inBothThemes(app.scene(), "status-expiring");
    }

    @Test
    void anExpiredTokenShowsInTheIconAndItsMenuCannotCopyIt() throws Exception {
        // The stored token dies a second after its login, before the app starts.
        app = AppUnderTest.in(folder).automatic(false)
                .storedTokenFrom(simulatorDefaults().withTokenLifetime(Duration.ofSeconds(1)))
                .beforeLaunch(() -> {
                    AccessToken token = app.token();
                    Poll.until("the stored token to expire", WAIT, () -> Instant.now().isAfter(token.expiresAt()));
                });
        app.start();
        app.awaitLook(Look.EXPIRED);
        assertThat(app.text("expiry")).startsWith("Expired at ");
        assertThat(app.text("countdown")).isEqualTo("--:--:--");
        assertThat(app.disabled(app.row("copy"))).isTrue();

        Poll.until("the tooltip of an expired token", WAIT, () -> tooltip().contains("expired at"));
        assertThat(tooltip()).matches(Pattern.quote(TITLE)
                + "Upstox token expired at \\d\\d:\\d\\d IST; automatic renewal is off");
        assertThat(menu()).startsWith(new Entry("Copy token (no valid token)", false), new Entry("Renew now", true));
        Screenshots.inBothThemes(app.scene(), "status-expired");
    }

    @Test
    void rejectedCredentialsTurnTheIconToNeedsAttentionWithoutRepeatingTheAppsName() throws Exception {
        app = AppUnderTest.in(folder)
                .simulator(simulatorDefaults().withAccount(SimulatedAccount.fromEnvironment(Map.of("UPSTOX_PIN_CODE", "654321"))))
                .start();
        app.awaitLook(Look.ATTENTION);

        Poll.until("the tooltip of a needed action", WAIT, () -> tooltip().contains("attention"));
        assertThat(tooltip()).isEqualTo(TITLE + "Your attention is needed; open the window to see why");
        assertThat(menu()).startsWith(new Entry("Copy token (no valid token)", false), new Entry("Renew now", true));
    }

    /**
     * A token valid for hours, and Upstox rejected the PIN since (by a renewal made by hand): the
     * tray is no green tick that says all is well tonight, but the needs-attention icon, and the
     * window's heading says both.
     */
    @Test
    void aValidTokenWithRenewalStoppedShowsTheNeedsAttentionIconAndSaysSo() throws Exception {
        Map<String, String> wrongPin = Map.of("UPSTOX_PIN_CODE", "654321");
        app = AppUnderTest.in(folder)
                .storedCredentials(Optional.of(SimulatedAccount.fromEnvironment(wrongPin).credentials()))
                // The token comes from an Upstox that takes that PIN; the app's own does not.
                .storedTokenFrom(simulatorDefaults().withAccount(SimulatedAccount.fromEnvironment(wrongPin)))
                .beforeLaunch(() -> assertThat(catchThrowableOfType(LoginException.class,
                        () -> RenewalWiring.of(app.vault(), new UpstoxLoginClient(app.simulator().hosts(),
                                LoginTimeouts.DEFAULT, Clock.systemUTC()), app.dirs().state(), () -> RenewalSettings.DEFAULT,
                                Clock.systemUTC()).renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE)))
                        .isNotNull());
        app.start();

        Poll.until("the heading", WAIT, () -> app.text("headline").equals("Token valid, but automatic renewal stopped"));
        assertThat(app.text("countdown")).matches("\\d\\d:\\d\\d:\\d\\d").isNotEqualTo("--:--:--");
        assertThat(app.text("problem")).contains("rejected the PIN");
        Poll.until("the tooltip", WAIT, () -> tooltip().contains("but automatic renewal stopped"));
        assertThat(tooltip()).matches(Pattern.quote(TITLE)
                + "Upstox token valid until \\d\\d:\\d\\d IST, but automatic renewal stopped: open the window");
        assertThat(sameImage(iconImage(), look(Look.ATTENTION))).as("the needs-attention icon").isTrue();
        assertThat(sameImage(iconImage(), look(Look.VALID))).as("not the valid one").isFalse();
        assertThat(app.simulator().counters().count(Event.PIN_ATTEMPTS)).as("the one rejection, before the app started")
                .isEqualTo(1);
        Screenshots.inBothThemes(app.scene(), "status-valid-but-stopped");
    }

    @Test
    void aRejectedAccountAmongValidOnesTurnsTheIconToNeedsAttentionAndTheTooltipHasALinePerAccount() throws Exception {
        List<SimulatedAccount> family = List.of(SimulatedAccount.numbered(1), SimulatedAccount.numbered(2),
                SimulatedAccount.numbered(3));
        UpstoxCredentials wrongPin = family.get(2).credentialsWithPin("111111");
        // No notifications: their popups would lie over the tray menu in the screenshot.
        app = AppUnderTest.in(folder).notifications(EnumSet.noneOf(NotificationKind.class)).simulator(simulatorDefaults().withAccounts(family)).accounts(
                new AppUnderTest.TestAccount("", Optional.of(family.get(0).credentials())),
                new AppUnderTest.TestAccount("Priya HUF", Optional.of(family.get(1).credentials())),
                new AppUnderTest.TestAccount("Ravi (mother)", Optional.of(wrongPin))).start();

        Poll.until("a tooltip line per account, every login done", WAIT, () -> tooltip().lines().count() == 4
                && tooltip().contains("Simulated Trader: valid") && tooltip().contains("Priya HUF: valid")
                && tooltip().endsWith("Ravi (mother): needs your attention"));
        assertThat(tooltip().lines().toList()).satisfiesExactly(
                first -> assertThat(first).isEqualTo("Upstox Token Tray"),
                own -> assertThat(own).matches("Simulated Trader: valid until \\d\\d:\\d\\d IST, (\\d+ h )?\\d+ min left"),
                huf -> assertThat(huf).matches("Priya HUF: valid until \\d\\d:\\d\\d IST, (\\d+ h )?\\d+ min left"),
                mother -> assertThat(mother).isEqualTo("Ravi (mother): needs your attention"));
        assertThat(sameImage(iconImage(), look(Look.ATTENTION))).as("the icon shows the worst: needs attention").isTrue();
        assertThat(app.simulator().counters().count(Event.PIN_ATTEMPTS, family.get(2))).isEqualTo(1);

        assertThat(menu()).startsWith(new Entry("Copy token ▸", true), new Entry("Renew all", true), new Entry("-", true),
                new Entry("Simulated Trader ▸", true), new Entry("Priya HUF ▸", true), new Entry("Ravi (mother) ▸", true));
        assertThat(submenu("Copy token")).containsExactly(new Entry("Simulated Trader", true),
                new Entry("Priya HUF", true), new Entry("Ravi (mother) (no valid token)", false));
        assertThat(submenu("Priya HUF")).containsExactly(new Entry("Renew now", true),
                new Entry("Log in with browser…", true), new Entry("Request approval…", true));
        screenshotOfTheOpenMenu("tray-menu-accounts", true);
        assertThat(windows("XMenuWindow")).as("the submenu closed with the menu").isEmpty();
    }

    /** The look's 16-pixel icon, as the app has it among its resources. */
    private static BufferedImage look(Look look) throws Exception {
        return ImageIO.read(TrayFxTest.class.getResource("/dev/tokentray/ui/icons/" + look.icon() + "-16.png"));
    }

    private static BufferedImage iconImage() throws Exception {
        AtomicReference<Image> image = new AtomicReference<>();
        Optional<TrayIcon> icon = icon();
        EventQueue.invokeAndWait(() -> image.set(icon.orElseThrow().getImage()));
        return (BufferedImage) ((MultiResolutionImage) image.get()).getResolutionVariant(16, 16);
    }

    private static boolean sameImage(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int x = 0; x < a.getWidth(); x++) {
            for (int y = 0; y < a.getHeight(); y++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- the icon, as AWT has it ----

    /** The app's icon in the tray; there is at most one at a time in these tests. */
    private static Optional<TrayIcon> icon() throws Exception {
        AtomicReference<Optional<TrayIcon>> found = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> found.set(Arrays.stream(SystemTray.getSystemTray().getTrayIcons())
                .filter(icon -> icon.getToolTip() != null && icon.getToolTip().startsWith("Upstox Token Tray"))
                .findFirst()));
        return found.get();
    }

    private static String tooltip() throws Exception {
        AtomicReference<String> tooltip = new AtomicReference<>("");
        Optional<TrayIcon> icon = icon();
        if (icon.isPresent()) {
            EventQueue.invokeAndWait(() -> tooltip.set(icon.get().getToolTip()));
        }
        return tooltip.get();
    }

    private static List<Entry> menu() throws Exception {
        List<Entry> entries = new ArrayList<>();
        Optional<TrayIcon> icon = icon();
        if (icon.isPresent()) {
            EventQueue.invokeAndWait(() -> {
                PopupMenu menu = icon.get().getPopupMenu();
                entries.addAll(entries(menu));
            });
        }
        return entries;
    }

    /** The entries of the menu's submenu of this label. */
    private static List<Entry> submenu(String label) throws Exception {
        List<Entry> entries = new ArrayList<>();
        Optional<TrayIcon> icon = icon();
        EventQueue.invokeAndWait(() -> {
            PopupMenu menu = icon.orElseThrow().getPopupMenu();
            for (int i = 0; i < menu.getItemCount(); i++) {
                if (menu.getItem(i) instanceof Menu submenu && submenu.getLabel().equals(label)) {
                    entries.addAll(entries(submenu));
                }
            }
        });
        return entries;
    }

    /** On AWT's thread: a submenu's label ends in "▸", a check item's begins with its box. */
    private static List<Entry> entries(Menu menu) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; menu != null && i < menu.getItemCount(); i++) {
            MenuItem item = menu.getItem(i);
            String label = item instanceof CheckboxMenuItem check
                    ? (check.getState() ? "[x] " : "[ ] ") + item.getLabel()
                    : item instanceof Menu ? item.getLabel() + " ▸" : item.getLabel();
            entries.add(new Entry(label, item.isEnabled()));
        }
        return entries;
    }

    // ---- the open menu, on screen ----

    /**
     * Right-clicks the icon in trayer's panel (xdotool, as a trader's mouse), photographs the open
     * menu (with its first entry's submenu open, when asked) and the corner of the screen around
     * it, and closes the menu again.
     */
    private void screenshotOfTheOpenMenu(String name, boolean firstSubmenu) throws Exception {
        int[] icon = window("JavaEmbeddedFrame").orElseThrow(() -> new AssertionError("no embedded tray icon on screen"));
        xdotool("mousemove", String.valueOf(icon[2] + icon[0] / 2), String.valueOf(icon[3] + icon[1] / 2), "click", "3");
        Poll.until("the tray menu to open", WAIT, () -> window("XPopupMenuPeer").isPresent());
        int[] menu = window("XPopupMenuPeer").orElseThrow();
        // Point at the first entry, as a trader about to choose it (and away from the icon's tooltip).
        xdotool("mousemove", String.valueOf(menu[2] + menu[0] / 2), String.valueOf(menu[3] + 12));
        Poll.until("the tooltip to go", WAIT, () -> window("XLabelPeer").isEmpty());
        XDisplay screen = XDisplay.ofTestRun();
        screen.awaitPainted("the tray menu", new XDisplay.Box(menu[2], menu[3], menu[0], menu[1]));
        cropped(screen, name, icon, menu);
        if (firstSubmenu) {
            // AWT opens a submenu when its entry is clicked (resting on it is not enough).
            xdotool("click", "1");
            Poll.until("the submenu to open", WAIT, () -> !windows("XMenuWindow").isEmpty());
            int[] submenu = windows("XMenuWindow").getFirst();
            screen.awaitPainted("the submenu", new XDisplay.Box(submenu[2], submenu[3], submenu[0], submenu[1]));
            cropped(screen, name + "-submenu", icon, menu);
        }

        xdotool("key", "Escape");
        if (window("XPopupMenuPeer").isPresent()) {
            xdotool("mousemove", "5", "790", "click", "1"); // a click elsewhere closes it as well
        }
        Poll.until("the tray menu to close", WAIT, () -> window("XPopupMenuPeer").isEmpty());
        assertThat(Files.size(Screenshots.FOLDER.resolve(name + ".png"))).isPositive();
    }

    /** The screen's corner with the tray icon and its open menu, to {@code NAME.png}. */
    private static void cropped(XDisplay screen, String name, int[] icon, int[] menu) throws Exception {
        BufferedImage whole = ImageIO.read(screen.screenshot(name + "-screen").toFile());
        int left = Math.max(0, Math.min(menu[2], icon[2]) - 150);
        int bottom = Math.min(whole.getHeight(), menu[3] + menu[1] + 40);
        ImageIO.write(whole.getSubimage(left, 0, whole.getWidth() - left, bottom), "png",
                Screenshots.FOLDER.resolve(name + ".png").toFile());
    }

    /** A mapped window whose name contains {@code name}: its width, height, x and y on the screen. */
    private static Optional<int[]> window(String name) throws Exception {
        return windows(name).stream().findFirst();
    }

    /** The mapped windows whose names contain {@code name}: width, height, x and y of each. */
    private static List<int[]> windows(String name) throws Exception {
        return XDisplay.ofTestRun().mapped(name).stream()
                .map(box -> new int[] {box.width(), box.height(), box.x(), box.y()}).toList();
    }

    private static void xdotool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        assertThat(Commands.run(WAIT, command.toArray(String[]::new)).succeeded()).as("xdotool %s", List.of(arguments))
                .isTrue();
    }
}
