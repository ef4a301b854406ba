package dev.tokentray.ui.notify;

import dev.tokentray.vault.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A notifier that keeps what it was asked to show and take back; it can be made unavailable or failing. */
final class RecordingNotifier implements Notifier {
    final List<Notification> shown = new ArrayList<>();
    final List<NotificationKind> withdrawn = new ArrayList<>();
    /** The accounts of what was taken back, in the same order (empty: of the whole app). */
    final List<Optional<Profile>> withdrawnOf = new ArrayList<>();
    boolean available = true;
    boolean works = true;

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public boolean show(Notification notification) {
        if (works) {
            shown.add(notification);
        }
        return works;
    }

    @Override
    public void withdraw(NotificationKind kind, Optional<Profile> account) {
        withdrawn.add(kind);
        withdrawnOf.add(account);
    }
}
