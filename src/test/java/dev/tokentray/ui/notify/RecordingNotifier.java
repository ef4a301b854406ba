package dev.tokentray.ui.notify;

import java.util.ArrayList;
import java.util.List;

/** A notifier that keeps what it was asked to show and take back; it can be made unavailable or failing. */
final class RecordingNotifier implements Notifier {
    final List<Notification> shown = new ArrayList<>();
    final List<NotificationKind> withdrawn = new ArrayList<>();
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
    public void withdraw(NotificationKind kind) {
        withdrawn.add(kind);
    }
}
