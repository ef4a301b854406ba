package dev.tokentray.ui.notify;

import dev.tokentray.platform.OwnerOnly;
import dev.tokentray.platform.SessionBus;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications on Linux: {@code org.freedesktop.Notifications.Notify} over the session
 * D-Bus, which GNOME, KDE, Xfce, dunst and the others serve. Clicking a notification (its
 * {@code default} action) or its button calls back with the notification (its {@link Notification.Action}),
 * so that the app can open its window or the browser login. A server without actions shows the
 * text alone, which says what to do.
 *
 * <p>D-Bus work runs on the notifier's own thread and the caller waits at most
 * {@link #CALL_TIMEOUT}: a hung bus or server never holds up the app. The connection stays open
 * while the app runs, because the server sends the click to the connection that sent the
 * notification; when it fails, the next call connects anew. {@link #close()} it when the app
 * quits: it takes the app's notifications off the screen (their buttons would lead nowhere), and
 * dbus-java's sender thread would keep the JVM alive.
 */
public final class FreedesktopNotifier implements Notifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FreedesktopNotifier.class);
    static final String APP_NAME = "Upstox Token Tray";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final String SERVER = "org.freedesktop.Notifications";
    private static final String SERVER_PATH = "/org/freedesktop/Notifications";
    private static final String CLICK = "default";
    private static final byte NORMAL = 1;
    private static final byte CRITICAL = 2;
    /** The server's own default: its user's settings decide how long a notification stays. */
    private static final int SERVER_DEFAULT_TIMEOUT = -1;
    private static final String ICON_RESOURCE = "/dev/tokentray/ui/icons/app-64.png";

    private final String icon;
    private final Consumer<Notification> onAction;
    private final ExecutorService bus =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("notifications-dbus").daemon().factory());
    /** The notifications this app showed and the server still shows: some servers send a click to every connection that listens. */
    private final Map<UInt32, Notification> shown = new ConcurrentHashMap<>();
    // Touched on the bus thread only.
    private DBusConnection connection;
    private NotificationServer server;

    /**
     * @param icon   the app icon: a {@code file://} URI ({@link #iconIn}) or a theme icon name
     * @param onAction called, on a D-Bus thread, when the trader clicks one of the app's notifications
     */
    public FreedesktopNotifier(String icon, Consumer<Notification> onAction) {
        this.icon = icon;
        this.onAction = onAction;
    }

    /**
     * The app icon as the server needs it: a file. Written into {@code folder} (the app's state
     * folder) at each start, so that it follows the app's version; empty (no icon) when that fails.
     */
    public static String iconIn(Path folder) {
        Path file = folder.resolve("notification-icon.png");
        try (InputStream png = FreedesktopNotifier.class.getResourceAsStream(ICON_RESOURCE)) {
            if (png == null) {
                return "";
            }
            OwnerOnly.write(file, png.readAllBytes());
            return file.toUri().toString();
        } catch (IOException e) {
            LOG.warn("Notifications go without the app icon: {}", e.getMessage());
            return "";
        }
    }

    /** True when a notification server answers on the session bus (starting it, where D-Bus can). */
    @Override
    public boolean available() {
        return onBus(() -> {
            server().GetCapabilities(); // an answer is all it takes
            return true;
        }).orElse(false);
    }

    @Override
    public boolean show(Notification notification) {
        return onBus(() -> {
            NotificationServer notifications = server();
            // A server with body-markup reads the body as markup: Upstox's quoted words must stay text.
            boolean markup = notifications.GetCapabilities().contains("body-markup");
            String body = markup ? escapeMarkup(notification.body()) : notification.body();
            Map<String, Variant<?>> hints =
                    Map.of("urgency", new Variant<>(notification.kind().urgent() ? CRITICAL : NORMAL));
            UInt32 id = notifications.Notify(APP_NAME, new UInt32(0), icon, notification.title(), body,
                    actions(notification.action()), hints, SERVER_DEFAULT_TIMEOUT);
            shown.put(id, notification);
            return true;
        }).orElse(false);
    }

    @Override
    public void withdraw(NotificationKind kind, Optional<Profile> account) {
        Predicate<Notification> which = notification -> notification.kind() == kind
                && notification.account().equals(account);
        if (shown.values().stream().anyMatch(which)) {
            onBus(() -> closeShown(which));
        }
    }

    /** On the bus thread: closes what the server still shows of these. */
    private boolean closeShown(Predicate<Notification> which) throws Exception {
        for (Map.Entry<UInt32, Notification> entry : List.copyOf(shown.entrySet())) {
            if (which.test(entry.getValue())) {
                server().CloseNotification(entry.getKey());
                shown.remove(entry.getKey());
            }
        }
        return true;
    }

    private NotificationServer server() throws Exception {
        if (server == null) {
            DBusConnection opened = DBusConnectionBuilder.forSessionBus().withShared(false).build();
            try {
                opened.addSigHandler(NotificationServer.ActionInvoked.class, signal -> {
                    Notification clicked = shown.get(signal.id);
                    if (clicked != null
                            && (CLICK.equals(signal.actionKey) || key(clicked.action()).equals(signal.actionKey))) {
                        invoked(signal.id, clicked);
                    }
                });
                opened.addSigHandler(NotificationServer.NotificationClosed.class, signal -> shown.remove(signal.id));
                server = opened.getRemoteObject(SERVER, SERVER_PATH, NotificationServer.class);
                connection = opened;
            } catch (Exception e) {
                SessionBus.disconnectQuietly(opened);
                throw e;
            }
        }
        return server;
    }

    /**
     * Key and label pairs: a click on the notification, and for the browser login a button of its
     * own as well (GNOME and KDE show no button for the click action).
     */
    private static List<String> actions(Notification.Action action) {
        return switch (action) {
            case OPEN -> List.of(CLICK, action.label());
            case BROWSER_LOGIN -> List.of(CLICK, action.label(), key(action), action.label());
        };
    }

    private static String key(Notification.Action action) {
        return action.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void invoked(UInt32 id, Notification notification) {
        try {
            onAction.accept(notification);
        } catch (RuntimeException e) {
            LOG.warn("Acting on notification {} failed", id, e);
        }
    }

    /** Runs D-Bus work on the bus thread, waiting a bounded time; empty when it failed or took too long. */
    private <T> Optional<T> onBus(Callable<T> work) {
        Future<T> result;
        try {
            result = bus.submit(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    disconnect();
                    throw e;
                }
            });
        } catch (RuntimeException closed) {
            return Optional.empty();
        }
        try {
            return Optional.of(result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            LOG.info("No desktop notification over D-Bus: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            result.cancel(true);
            LOG.warn("The notification server did not answer within {} s", CALL_TIMEOUT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private void disconnect() {
        if (connection != null) {
            SessionBus.disconnectQuietly(connection);
        }
        connection = null;
        server = null;
    }

    /** The specification's markup is a small XML subset: these three are all that must be escaped. */
    static String escapeMarkup(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Takes the app's notifications off the screen and disconnects; again, it does nothing. */
    @Override
    public synchronized void close() {
        if (bus.isShutdown()) {
            return;
        }
        if (!shown.isEmpty()) {
            onBus(() -> closeShown(notification -> true));
        }
        bus.submit(this::disconnect);
        bus.shutdown();
        try {
            bus.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
