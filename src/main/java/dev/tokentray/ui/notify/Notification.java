package dev.tokentray.ui.notify;

import dev.tokentray.vault.Profile;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for the trader: never a secret, only what happened and what to do.
 *
 * @param action  what clicking it (or its button) does
 * @param account the account it is about, for its action (the browser login of that account)
 */
public record Notification(NotificationKind kind, String title, String body, Action action, Optional<Profile> account) {

    /** Where a notification leads the trader. */
    public enum Action {
        /** The status window, which says more. */
        OPEN("Open"),
        /** The browser login: the automatic login is blocked or has changed. */
        BROWSER_LOGIN("Log in with browser");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        /** The button's text. */
        public String label() {
            return label;
        }
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(account, "account");
    }

    /** One that opens the status window. */
    public Notification(NotificationKind kind, String title, String body) {
        this(kind, title, body, Action.OPEN, Optional.empty());
    }
}
