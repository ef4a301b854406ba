package dev.tokentray.ui.notify;

import java.util.Objects;

/** One message for the trader: never a secret, only what happened and what to do. */
public record Notification(NotificationKind kind, String title, String body) {

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }
}
