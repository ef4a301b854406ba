package dev.tokentray.ui.tray.sni;

import static dev.tokentray.testsupport.SniHost.gdbusCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.SniHost;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.ui.tray.TrayMenu.Action;
import dev.tokentray.ui.tray.TrayMenu.Choice;
import dev.tokentray.ui.tray.TrayView;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StatusNotifierItem on the test run's session bus, with a real host (gtk-sni-tray-standalone
 * and its watcher), read back from outside with {@code gdbus}, as a panel reads it: the item's
 * properties, the menu's layout, the signals of a new state, the clicks, and the panel's restart.
 */
class StatusNotifierTrayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOOLTIP = "Upstox Token Tray: Upstox token valid until 03:30 IST, 17 h 12 min left";
    private static final Pattern PIXMAP = Pattern.compile("\\((\\d+), (\\d+), \\[(?:byte )?([^\\]]*)\\]\\)");

    @TempDir
    Path home;

    private final BlockingQueue<Choice> chosen = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void needsAHost() {
        RealEnvironment.requireStatusNotifierHost();
    }

    /** Every part closes, even when one fails: a host left running would fail every later test. */
    @AfterEach
    void closeInReverse() throws Exception {
        Exception first = null;
        for (AutoCloseable each : opened.reversed()) {
            try {
                each.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** A home whose icon theme lacks the app's icons: the item gives pixels only, as when run from the jar. */
    private Optional<StatusNotifierTray> install(TrayView first) {
        return StatusNotifierTray.install(first, chosen::add,
                Map.of("HOME", home.toString(), "XDG_DATA_DIRS", home.resolve("share").toString()));
    }

    private static TrayView valid(List<TrayMenu.Item> menu) {
        return new TrayView(Look.VALID, TOOLTIP, menu);
    }

    private static String busName() {
        return "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
    }

    private static String call(String path, String method, String... arguments) throws Exception {
        Commands.Result result = gdbusCall(busName(), path, method, arguments);
        assertThat(result.succeeded()).as("gdbus call %s %s", method, List.of(arguments)).isTrue();
        return result.stdout().strip();
    }

    private static String itemProperties() throws Exception {
        return call("/StatusNotifierItem", "org.freedesktop.DBus.Properties.GetAll", "org.kde.StatusNotifierItem");
    }

    @Test
    void theItemRegistersWithTheWatcherAndGivesItsIconTooltipStatusAndMenuOnTheBus() throws Exception {
        SniHost host = open(SniHost.start());
        StatusNotifierTray tray = install(valid(MenuTreeTest.menu("Priya", true, false))).orElseThrow();
        try {
            properties(host);
        } finally {
            tray.close();
        }
        Poll.until("the item to leave the watcher", WAIT, () -> !host.registeredItems().contains(busName()));
    }

    private void properties(SniHost host) throws Exception {
        assertThat(host.registeredItems()).contains(busName());
        String properties = itemProperties();
        assertThat(properties).contains("'Category': <'ApplicationStatus'>", "'Id': <'upstox-token-tray'>",
                "'Title': <'Upstox Token Tray'>", "'Status': <'Active'>", "'ItemIsMenu': <false>",
                "'Menu': <objectpath '/MenuBar'>", "'IconName': <''>",
                "'ToolTip': <('', @a(iiay) [], '" + TOOLTIP + "', '')>");

        // Every size the app has, each pixel as A, R, G, B: the PNG's own colours.
        Matcher pixmaps = PIXMAP.matcher(properties.substring(properties.indexOf("'IconPixmap'")));
        List<Integer> sizes = new ArrayList<>();
        while (pixmaps.find() && sizes.size() < 7) {
            int width = Integer.parseInt(pixmaps.group(1));
            sizes.add(width);
            assertThat(pixmaps.group(2)).isEqualTo(pixmaps.group(1));
            byte[] bytes = HexFormat.of().parseHex(pixmaps.group(3).replace("0x", "").replace(", ", ""));
            assertThat(bytes).hasSize(width * width * 4);
            BufferedImage png = ImageIO.read(Path.of("src/main/resources/dev/tokentray/ui/icons/"
                    + fileOf(width)).toFile());
            int centre = (width / 2 * width + width / 2) * 4;
            int argb = png.getRGB(width / 2, width / 2);
            assertThat(HexFormat.of().formatHex(bytes, centre, centre + 4)).as("the centre pixel at %d px", width)
                    .isEqualTo("%08x".formatted(argb));
        }
        assertThat(sizes).containsExactly(16, 22, 24, 32, 44, 48, 64);

        assertThat(call("/MenuBar", "org.freedesktop.DBus.Properties.GetAll", "com.canonical.dbusmenu"))
                .contains("'Version': <uint32 3>", "'Status': <'normal'>");
    }

    private static String fileOf(int width) {
        return switch (width) {
            case 44 -> "tray-valid-22@2x.png";
            case 48 -> "tray-valid-24@2x.png";
            case 64 -> "tray-valid-32@2x.png";
            default -> "tray-valid-" + width + ".png";
        };
    }

    @Test
    void theMenuHasEveryEntryWithItsSubmenuDisabledEntryAndCheckMark() throws Exception {
        open(SniHost.start());
        open(install(valid(MenuTreeTest.menu("Priya_HUF", false, true))).orElseThrow());

        assertThat(call("/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "-1", "[]")).isEqualTo(
                "(uint32 1, (0, {'children-display': <'submenu'>}, ["
                        + "<(1, {'label': <'Copy token'>, 'enabled': <true>, 'children-display': <'submenu'>}, ["
                        + "<(2, {'label': <'Own'>, 'enabled': <false>}, @av [])>, "
                        + "<(3, {'label': <'Priya__HUF'>, 'enabled': <true>}, @av [])>])>, "
                        + "<(4, {'label': <'Renew all'>, 'enabled': <true>}, @av [])>, "
                        + "<(5, {'type': <'separator'>}, @av [])>, "
                        + "<(6, {'label': <'Start at login'>, 'enabled': <true>, 'toggle-type': <'checkmark'>,"
                        + " 'toggle-state': <1>}, @av [])>, "
                        + "<(7, {'label': <'Quit'>, 'enabled': <true>}, @av [])>]))");
        assertThat(call("/MenuBar", "com.canonical.dbusmenu.GetGroupProperties", "[2, 6]", "['enabled']"))
                .isEqualTo("([(2, {'enabled': <false>}), (6, {'enabled': <true>})],)");
        assertThat(call("/MenuBar", "com.canonical.dbusmenu.GetProperty", "3", "label")).isEqualTo("(<'Priya__HUF'>,)");
        assertThat(gdbusCall(busName(), "/MenuBar", "com.canonical.dbusmenu.GetLayout", "99", "-1", "[]").succeeded())
                .as("no entry 99").isFalse();
    }

    @Test
    void aNewStateIsSignalledAndTheMenuIsUpdatedInPlace() throws Exception {
        open(SniHost.start());
        StatusNotifierTray tray = open(install(valid(MenuTreeTest.menu("Priya", false, false))).orElseThrow());
        Monitor signals = open(Monitor.start(busName(), home));

        // The same entries: their properties change, the layout stays.
        tray.show(valid(MenuTreeTest.menu("Priya", true, true)));
        signals.await("/MenuBar: com.canonical.dbusmenu.ItemsPropertiesUpdated ([(2, {'label': <'Own'>, 'enabled': <true>}),"
                + " (6, {'label': <'Start at login'>, 'enabled': <true>, 'toggle-type': <'checkmark'>,"
                + " 'toggle-state': <1>})], @a(ias) [])");
        assertThat(call("/MenuBar", "com.canonical.dbusmenu.GetProperty", "6", "toggle-state")).isEqualTo("(<1>,)");

        // The trader must act: a new icon, tooltip and status.
        String attention = "Upstox Token Tray: Your attention is needed; open the window to see why";
        tray.show(new TrayView(Look.ATTENTION, attention, MenuTreeTest.menu("Priya", true, true)));
        signals.await("/StatusNotifierItem: org.kde.StatusNotifierItem.NewIcon ()");
        signals.await("/StatusNotifierItem: org.kde.StatusNotifierItem.NewToolTip ()");
        signals.await("/StatusNotifierItem: org.kde.StatusNotifierItem.NewStatus ('NeedsAttention',)");
        assertThat(itemProperties()).contains("'Status': <'NeedsAttention'>", "'" + attention + "'");

        // An entry more: a new layout, of the next revision.
        List<TrayMenu.Item> more = new ArrayList<>(MenuTreeTest.menu("Priya", true, true));
        more.add(1, new TrayMenu.Command(Choice.of(Action.BROWSER_LOGIN), "Log in with browser…", true));
        tray.show(new TrayView(Look.ATTENTION, attention, more));
        signals.await("/MenuBar: com.canonical.dbusmenu.LayoutUpdated (uint32 2, 0)");
        assertThat(call("/MenuBar", "com.canonical.dbusmenu.GetLayout", "0", "1", "['label']"))
                .startsWith("(uint32 2, (0, @a{sv} {}, [<(1, {'label': <'Copy token'>}, @av [])>, "
                        + "<(4, {'label': <'Log in with browser…'>}, @av [])>, ");

        assertThat(signals.lines()).as("nothing signalled twice, nothing more")
                .filteredOn(line -> line.startsWith("/")).hasSize(5);
    }

    @Test
    void aClickOnTheIconOpensTheWindowAndAnEntryChosenInTheMenuReachesTheApp() throws Exception {
        open(SniHost.start());
        open(install(valid(MenuTreeTest.menu("Priya", true, false))).orElseThrow());

        call("/StatusNotifierItem", "org.kde.StatusNotifierItem.Activate", "10", "790");
        assertThat(chosen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Choice.of(Action.OPEN));

        call("/MenuBar", "com.canonical.dbusmenu.Event", "3", "clicked", "<0>", "0");
        assertThat(chosen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Choice(Action.COPY_TOKEN, Optional.of("priya")));
        call("/MenuBar", "com.canonical.dbusmenu.EventGroup", "[(6, 'clicked', <0>, 0), (99, 'clicked', <0>, 0)]");
        assertThat(chosen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Choice.of(Action.START_AT_LOGIN));

        // Opening a submenu, hovering: no choice.
        call("/MenuBar", "com.canonical.dbusmenu.Event", "1", "clicked", "<0>", "0");
        call("/MenuBar", "com.canonical.dbusmenu.Event", "7", "hovered", "<0>", "0");
        assertThat(call("/MenuBar", "com.canonical.dbusmenu.AboutToShow", "1")).isEqualTo("(false,)");
        assertThat(chosen.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void whenThePanelRestartsTheItemRegistersAgainWithinFiveSeconds() throws Exception {
        SniHost host = open(SniHost.start());
        open(install(valid(MenuTreeTest.menu("Priya", true, false))).orElseThrow());
        assertThat(host.registeredItems()).contains(busName());

        host.restart();
        long back = System.nanoTime();
        Poll.until("the item to register with the new watcher", Duration.ofSeconds(5),
                () -> host.registeredItems().contains(busName()));
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
        assertThat(itemProperties()).contains("'Status': <'Active'>");
    }

    @Test
    void withoutAWatcherOrWithAWatcherButNoHostThereIsNoItem() throws Exception {
        assertThat(install(valid(List.of()))).as("no watcher").isEmpty();
        try (SniHost watcher = SniHost.watcherOnly()) {
            assertThat(install(valid(List.of()))).as("a watcher that no host draws for").isEmpty();
            assertThat(watcher.registeredItems()).isEmpty();
        }
    }

    /** {@code gdbus monitor} on the item's bus name: the signals it sends, as a host receives them. */
    private record Monitor(Process process, Path output) implements AutoCloseable {
        private static final Pattern OWNER = Pattern.compile("is owned by (\\S+)");
        private static final Pattern RULES = Pattern.compile("'(:[0-9.]+)': (?:@as )?\\[([^\\]]*)\\]");

        static Monitor start(String busName, Path folder) throws Exception {
            Path output = folder.resolve("gdbus-monitor.txt");
            Process process = new ProcessBuilder("gdbus", "monitor", "--session", "--dest", busName)
                    .redirectOutput(output.toFile()).redirectErrorStream(true).start();
            Monitor monitor = new Monitor(process, output);
            Poll.until("gdbus monitor to find " + busName, WAIT, () -> monitor.owner().isPresent());
            String owner = monitor.owner().orElseThrow();
            // gdbus prints the owner first and then asks the bus for its signals without waiting
            // (AddMatch): a signal sent before the bus holds that rule is never seen. The bus's
            // own statistics list every connection's rules.
            Poll.until("gdbus monitor's rule for the signals of " + owner, WAIT, () -> monitor.listensTo(owner));
            return monitor;
        }

        /** The item's unique name on the bus, once gdbus has printed it. */
        private Optional<String> owner() throws Exception {
            Matcher owner = OWNER.matcher(Files.readString(output));
            return owner.find() ? Optional.of(owner.group(1)) : Optional.empty();
        }

        private boolean listensTo(String sender) throws Exception {
            Matcher rules = RULES.matcher(bus("org.freedesktop.DBus.Debug.Stats.GetAllMatchRules"));
            while (rules.find()) {
                if (rules.group(2).contains("sender='" + sender + "'") && bus("org.freedesktop.DBus"
                        + ".GetConnectionUnixProcessID", rules.group(1)).equals("(uint32 " + process.pid() + ",)")) {
                    return true;
                }
            }
            return false;
        }

        /** What the bus answers, or nothing when the connection asked about has just left it. */
        private static String bus(String method, String... arguments) throws Exception {
            return gdbusCall("org.freedesktop.DBus", "/org/freedesktop/DBus", method, arguments).stdout().strip();
        }

        List<String> lines() throws Exception {
            return Files.readAllLines(output);
        }

        void await(String signal) throws Exception {
            try {
                Poll.until(signal, WAIT, () -> lines().contains(signal));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; gdbus monitor saw " + lines(), e);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
