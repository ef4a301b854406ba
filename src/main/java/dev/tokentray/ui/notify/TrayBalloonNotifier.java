package dev.tokentray.ui.notify;

import dev.tokentray.ui.tray.AwtTray;
import dev.tokentray.ui.tray.Tray;
import java.awt.EventQueue;
import java.awt.TrayIcon;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Notifications from the tray icon ({@link TrayIcon#displayMessage}): a toast on Windows 10 and
 * 11, a Notification Centre entry on macOS. On Linux AWT draws a balloon of its own instead of
 * asking the desktop, so the app uses {@link FreedesktopNotifier} there.
 */
public final class TrayBalloonNotifier implements Notifier {
    private final Supplier<Optional<TrayIcon>> trayIcon;

    /** @param trayIcon the tray adapter's icon, while it is in the tray */
    public TrayBalloonNotifier(Supplier<Optional<TrayIcon>> trayIcon) {
        this.trayIcon = trayIcon;
    }

    /** Balloons of the app's tray icon, while that is AWT's (the tray of Windows and macOS). */
    public static TrayBalloonNotifier of(Supplier<Optional<Tray>> tray) {
        return new TrayBalloonNotifier(() -> tray.get().flatMap(AwtTray::iconOf));
    }

    @Override
    public boolean available() {
        return trayIcon.get().isPresent();
    }

    @Override
    public boolean show(Notification notification) {
        Optional<TrayIcon> icon = trayIcon.get();
        TrayIcon.MessageType type = notification.kind().urgent() ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO;
        // On AWT's own thread, as all tray work; the caller does not wait for it.
        icon.ifPresent(i -> EventQueue.invokeLater(() -> i.displayMessage(notification.title(), notification.body(), type)));
        return icon.isPresent();
    }
}
