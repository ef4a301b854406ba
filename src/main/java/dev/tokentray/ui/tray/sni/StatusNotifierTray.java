package dev.tokentray.ui.tray.sni;

import dev.tokentray.platform.SessionBus;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.tray.Tray;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.ui.tray.TrayView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.InvalidMethodArgument;
import org.freedesktop.dbus.errors.UnknownProperty;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon as a StatusNotifierItem on the session bus, the way KDE Plasma, Xfce, LXQt,
 * Cinnamon, MATE, Budgie, GNOME with the AppIndicator extension, waybar and the others show tray
 * icons today (on Wayland too): the desktop's panel draws the icon, the tooltip and the menu
 * ({@code com.canonical.dbusmenu}) in its own style, and sends back the trader's clicks.
 *
 * <p>dbus-java (which the keychain already uses) speaks the protocol; this class holds the one
 * view shown, answers the host's questions about it, and signals what changed when a new view
 * comes: a new icon, tooltip or status, and the menu's entries updated in place (or, when entries
 * came or went, a new layout). When the watcher leaves the bus and comes back (the panel
 * restarts), the item registers again by itself. No AWT is touched: the app on a Linux desktop
 * with a StatusNotifierItem host never loads it.
 */
public final class StatusNotifierTray implements Tray {
    private static final Logger LOG = LoggerFactory.getLogger(StatusNotifierTray.class);
    static final String ITEM_PATH = "/StatusNotifierItem";
    static final String MENU_PATH = "/MenuBar";
    private static final String ID = "upstox-token-tray";
    private static final String TITLE = "Upstox Token Tray";
    /** A watcher or bus that does not answer within this is no tray to rely on. */
    private static final Duration INSTALL_WITHIN = Duration.ofSeconds(3);
    /** How often, and how far apart, the item asks a new watcher that does not serve yet. */
    private static final int REGISTER_TRIES = 50;
    private static final Duration REGISTER_AGAIN_AFTER = Duration.ofMillis(100);
    private static final Set<String> NOT_SERVING_YET =
            Set.of("org.freedesktop.DBus.Error.UnknownObject", "org.freedesktop.DBus.Error.UnknownMethod");

    private final DBusConnection bus;
    private final String busName;
    private final SniIcons icons;
    private final Consumer<TrayMenu.Choice> onChoice;
    /** The trader's choices go out on a thread of the tray's own, never on dbus-java's; registrations wait there. */
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("status-notifier").daemon().factory());
    // Guarded by this: the view the host is shown, and the menu as the host numbers it.
    private TrayView view;
    private MenuTree menu;
    private int revision = 1;

    private StatusNotifierTray(DBusConnection bus, SniIcons icons, TrayView first, Consumer<TrayMenu.Choice> onChoice) {
        this.bus = bus;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
        this.icons = icons;
        this.onChoice = onChoice;
        this.view = first;
        this.menu = MenuTree.of(first.menu());
    }

    /**
     * Puts the icon on the session bus and registers it with the desktop's watcher; empty when
     * there is no session bus, no watcher, or no host to draw the icon (a watcher alone shows
     * nothing), or when they do not answer in time.
     *
     * @param environment the environment, for the XDG data folders where the icon theme may hold the app's icons
     * @param onChoice    hears the menu's choices, and {@link TrayMenu.Action#OPEN} for a click on the icon
     */
    public static Optional<StatusNotifierTray> install(TrayView first, Consumer<TrayMenu.Choice> onChoice,
            Map<String, String> environment) {
        CompletableFuture<Optional<StatusNotifierTray>> installed = CompletableFuture.supplyAsync(
                () -> installNow(first, onChoice, environment),
                command -> Thread.ofPlatform().name("tray-install").daemon().start(command));
        try {
            return installed.get(INSTALL_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The session bus or its StatusNotifierWatcher did not answer within {} s", INSTALL_WITHIN.toSeconds());
            installed.thenAccept(late -> late.ifPresent(StatusNotifierTray::close));
        } catch (ExecutionException e) {
            LOG.warn("No StatusNotifierItem: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static Optional<StatusNotifierTray> installNow(TrayView first, Consumer<TrayMenu.Choice> onChoice,
            Map<String, String> environment) {
        long asked = System.nanoTime();
        DBusConnection bus;
        try {
            // One thread answers the host: its calls then see the views in the order they were shown.
            bus = DBusConnectionBuilder.forSessionBus().withShared(false)
                    .receivingThreadConfig().withMethodCallThreadCount(1).connectionConfig()
                    .build();
        } catch (DBusException | RuntimeException e) {
            LOG.info("No session bus for a StatusNotifierItem: {}", e.getMessage());
            return Optional.empty();
        }
        try {
            if (!hostPresent(bus)) {
                SessionBus.disconnectQuietly(bus);
                return Optional.empty();
            }
            StatusNotifierTray tray = new StatusNotifierTray(bus, SniIcons.forEnvironment(environment), first, onChoice);
            tray.start();
            LOG.info("The tray icon is the StatusNotifierItem {} on the session bus ({} ms)", tray.busName,
                    Duration.ofNanos(System.nanoTime() - asked).toMillis());
            return Optional.of(tray);
        } catch (DBusException | RuntimeException e) {
            LOG.warn("Could not put a StatusNotifierItem on the session bus: {}", e.getMessage());
            SessionBus.disconnectQuietly(bus);
            return Optional.empty();
        }
    }

    private static boolean hostPresent(DBusConnection bus) throws DBusException {
        DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        if (!daemon.NameHasOwner(StatusNotifierWatcher.BUS_NAME)) {
            LOG.info("No StatusNotifierWatcher on the session bus");
            return false;
        }
        Properties watcher = bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH,
                Properties.class);
        Boolean host = watcher.Get(StatusNotifierWatcher.INTERFACE, "IsStatusNotifierHostRegistered");
        if (!Boolean.TRUE.equals(host)) {
            LOG.info("A StatusNotifierWatcher is on the session bus, but no host that shows its icons");
            return false;
        }
        return true;
    }

    private void start() throws DBusException {
        bus.requestBusName(busName);
        bus.exportObject(ITEM_PATH, new Item());
        bus.exportObject(MENU_PATH, new Menu());
        // A panel that restarts brings a new watcher, which knows nothing of the items before it.
        bus.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
            if (StatusNotifierWatcher.BUS_NAME.equals(signal.name)) {
                if (signal.newOwner.isEmpty()) {
                    LOG.info("The StatusNotifierWatcher left the session bus: the icon comes back when it does");
                } else {
                    register(1);
                }
            }
        });
        watcher().RegisterStatusNotifierItem(busName);
    }

    private StatusNotifierWatcher watcher() throws DBusException {
        return bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH,
                StatusNotifierWatcher.class);
    }

    /**
     * Registers with a watcher that came (back), without waiting on it: this runs on dbus-java's
     * signal thread. A watcher takes its bus name a moment before it serves its object
     * (status-notifier-watcher does): a call in that moment finds no object, and is made again.
     */
    private void register(int attempt) {
        try {
            bus.callWithCallback(watcher(), "RegisterStatusNotifierItem", new CallbackHandler<Void>() {
                @Override
                public void handle(Void nothing) {
                    LOG.info("The StatusNotifierItem {} registered with the new StatusNotifierWatcher", busName);
                }

                @Override
                public void handleError(DBusExecutionException e) {
                    boolean notServingYet = NOT_SERVING_YET.contains(e.getType());
                    if (notServingYet && attempt < REGISTER_TRIES && !worker.isShutdown()) {
                        worker.schedule(() -> register(attempt + 1), REGISTER_AGAIN_AFTER.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        LOG.warn("The new StatusNotifierWatcher refused the StatusNotifierItem: {} {}", e.getType(),
                                e.getMessage());
                    }
                }
            }, busName);
        } catch (DBusException | DBusExecutionException e) {
            LOG.warn("Could not register with the new StatusNotifierWatcher: {}", e.getMessage());
        }
    }

    @Override
    public void show(TrayView next) {
        List<DBusSignal> changes = new ArrayList<>();
        // Under the lock until the signals are queued (dbus-java sends them in order, on its
        // thread): two views shown at once must reach the host in the order they were shown.
        synchronized (this) {
            TrayView before = view;
            view = next;
            try {
                if (next.look() != before.look()) {
                    changes.add(new StatusNotifierItem.NewIcon(ITEM_PATH));
                }
                if (!next.tooltip().equals(before.tooltip())) {
                    changes.add(new StatusNotifierItem.NewToolTip(ITEM_PATH));
                }
                if (next.needsAttention() != before.needsAttention()) {
                    changes.add(new StatusNotifierItem.NewStatus(ITEM_PATH, status(next)));
                }
                if (!next.menu().equals(before.menu())) {
                    changes.addAll(menuChanged(MenuTree.of(next.menu())));
                }
                changes.forEach(bus::sendMessage);
            } catch (DBusException e) {
                LOG.warn("Could not tell the tray host what changed: {}", e.getMessage());
            } catch (DBusExecutionException e) {
                // Closed as the app quits, or the session bus is gone (and with it the panel): nobody to tell.
                LOG.debug("The tray host was not told of the change: {}", e.getMessage());
            }
        }
    }

    /** Guarded by this: the new menu in place, and what to tell the host. */
    private List<DBusSignal> menuChanged(MenuTree next) throws DBusException {
        MenuTree before = menu;
        menu = next;
        if (!next.sameShape(before)) {
            revision++;
            return List.of(new DbusMenu.LayoutUpdated(MENU_PATH, new UInt32(revision), MenuTree.ROOT));
        }
        List<DbusMenu.ItemProperties> updated = new ArrayList<>();
        for (int id : next.changedSince(before)) {
            updated.add(new DbusMenu.ItemProperties(id, next.properties(id, List.of())));
        }
        return updated.isEmpty() ? List.of() : List.of(new DbusMenu.ItemsPropertiesUpdated(MENU_PATH, updated, List.of()));
    }

    private static String status(TrayView view) {
        return view.needsAttention() ? "NeedsAttention" : "Active";
    }

    private void choose(TrayMenu.Choice choice) {
        worker.execute(() -> {
            try {
                onChoice.accept(choice);
            } catch (RuntimeException e) {
                LOG.warn("Acting on the tray's {} failed", choice.action(), e);
            }
        });
    }

    @Override
    public void close() {
        worker.shutdown();
        SessionBus.disconnectQuietly(bus); // the bus drops the name, and the watcher the item
    }

    /** The item at {@value #ITEM_PATH}: the icon, its tooltip and status, and the clicks on it. */
    private final class Item extends ReadOnlyProperties implements StatusNotifierItem {
        Item() {
            super(StatusNotifierItem.INTERFACE, ITEM_PATH);
        }

        @Override
        public void Activate(int x, int y) {
            choose(TrayMenu.Choice.of(TrayMenu.Action.OPEN));
        }

        @Override
        public void SecondaryActivate(int x, int y) {
            // A middle click means nothing here.
        }

        @Override
        public void ContextMenu(int x, int y) {
            // Hosts draw the Menu property's menu themselves; one that asks the item draws none.
        }

        @Override
        public void Scroll(int delta, String orientation) {
            // Nothing to scroll through.
        }

        @Override
        Map<String, Variant<?>> properties() {
            TrayView shown;
            synchronized (StatusNotifierTray.this) {
                shown = view;
            }
            Map<String, Variant<?>> properties = new LinkedHashMap<>();
            properties.put("Category", new Variant<>("ApplicationStatus"));
            properties.put("Id", new Variant<>(ID));
            properties.put("Title", new Variant<>(TITLE));
            properties.put("Status", new Variant<>(status(shown)));
            properties.put("WindowId", new Variant<>(0));
            properties.put("IconThemePath", new Variant<>(""));
            properties.put("IconName", new Variant<>(icons.name(shown.look())));
            properties.put("IconPixmap", pixmaps(shown.look()));
            properties.put("OverlayIconName", new Variant<>(""));
            properties.put("OverlayIconPixmap", new Variant<>(List.of(), "a(iiay)"));
            properties.put("AttentionIconName", new Variant<>(icons.name(Look.ATTENTION)));
            properties.put("AttentionIconPixmap", pixmaps(Look.ATTENTION));
            properties.put("AttentionMovieName", new Variant<>(""));
            properties.put("ToolTip", new Variant<>(toolTip(shown.tooltip())));
            properties.put("ItemIsMenu", new Variant<>(false));
            properties.put("Menu", new Variant<>(new DBusPath(MENU_PATH)));
            return properties;
        }

        private Variant<?> pixmaps(Look look) {
            return new Variant<>(icons.pixmaps(look), "a(iiay)");
        }

        /**
         * The first line as the title, the others (one per account) as the description, which
         * hosts may read as markup: escaped.
         */
        private StatusNotifierItem.ToolTip toolTip(String text) {
            int end = text.indexOf('\n');
            String title = end < 0 ? text : text.substring(0, end);
            String description = end < 0 ? "" : text.substring(end + 1);
            return new StatusNotifierItem.ToolTip("", List.of(), title,
                    description.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
    }

    /** The menu at {@value #MENU_PATH}, drawn by the host from the layout and properties given here. */
    private final class Menu extends ReadOnlyProperties implements DbusMenu {
        Menu() {
            super(DbusMenu.INTERFACE, MENU_PATH);
        }

        @Override
        public Pair<UInt32, Node> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
            synchronized (StatusNotifierTray.this) {
                return new Pair<>(new UInt32(revision), menu.layout(known(parentId), recursionDepth, propertyNames));
            }
        }

        @Override
        public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
            synchronized (StatusNotifierTray.this) {
                List<ItemProperties> properties = new ArrayList<>();
                for (int id : ids) {
                    if (menu.has(id)) {
                        properties.add(new ItemProperties(id, menu.properties(id, propertyNames)));
                    }
                }
                return properties;
            }
        }

        @Override
        public Variant<?> GetProperty(int id, String name) {
            synchronized (StatusNotifierTray.this) {
                Variant<?> value = menu.properties(known(id), List.of(name)).get(name);
                if (value == null) {
                    throw new UnknownProperty("The menu entry " + id + " has no property " + name);
                }
                return value;
            }
        }

        @Override
        public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            Optional<TrayMenu.Choice> choice;
            synchronized (StatusNotifierTray.this) {
                choice = "clicked".equals(eventId) ? menu.choice(known(id)) : Optional.empty();
            }
            choice.ifPresent(StatusNotifierTray.this::choose);
        }

        @Override
        public List<Integer> EventGroup(List<MenuEvent> events) {
            List<Integer> unknown = new ArrayList<>();
            for (MenuEvent event : events) {
                synchronized (StatusNotifierTray.this) {
                    if (!menu.has(event.id)) {
                        unknown.add(event.id);
                        continue;
                    }
                }
                Event(event.id, event.eventId, event.data, event.timestamp);
            }
            return unknown;
        }

        @Override
        public boolean AboutToShow(int id) {
            return false; // the host has the current menu: every change was signalled
        }

        @Override
        public Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
            synchronized (StatusNotifierTray.this) {
                return new Pair<>(List.of(), ids.stream().filter(id -> !menu.has(id)).toList());
            }
        }

        private int known(int id) {
            if (!menu.has(id)) {
                throw new InvalidMethodArgument("No menu entry " + id);
            }
            return id;
        }

        @Override
        Map<String, Variant<?>> properties() {
            return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>("ltr"),
                    "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(List.of(), "as"));
        }
    }
}
