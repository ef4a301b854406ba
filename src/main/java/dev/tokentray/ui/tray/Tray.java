package dev.tokentray.ui.tray;

/**
 * A tray icon of the desktop: it shows what the app gives it and hands the trader's choices
 * back; it decides nothing. One implementation per desktop protocol (AWT's {@code SystemTray}
 * here; a StatusNotifierItem on Linux desktops that have a watcher), chosen once at start.
 * Implementations take {@link #show} from any thread and deliver choices on a thread of their
 * own: callers pass them on to where the work belongs.
 */
public interface Tray extends AutoCloseable {

    /** Shows the view; showing the same view again is cheap, and a menu is rebuilt only when it changed. */
    void show(TrayView view);

    /** Removes the icon from the desktop. */
    @Override
    void close();
}
