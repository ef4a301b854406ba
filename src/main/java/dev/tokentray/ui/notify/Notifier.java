package dev.tokentray.ui.notify;

import dev.tokentray.vault.Profile;
import java.util.Optional;

/**
 * A way to put a notification on the screen: the desktop's own (freedesktop over D-Bus, a tray
 * balloon or toast) or the app's popup. {@link Notifications} tries them in order.
 */
public interface Notifier {

    /** Whether it can show one now; asked before each notification, since desktops come and go. */
    boolean available();

    /**
     * Shows it, without keeping the caller waiting for long.
     *
     * @return false when it could not, so that the next way is tried
     */
    boolean show(Notification notification);

    /**
     * Takes back what it shows of this kind, of this account (none: of the whole app), where it
     * can: it no longer holds (the account's token arrived).
     */
    default void withdraw(NotificationKind kind, Optional<Profile> account) {}
}
