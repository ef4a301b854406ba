package dev.tokentray.ui.notify;

/** The notifications the app can send; each can be switched off in the settings. */
public enum NotificationKind {
    RENEWED("Token renewed", false),
    FAILED("Renewal failed", false),
    CREDENTIALS_REJECTED("Upstox rejected the login", true),
    EXPIRES_UNRENEWED("Token expires soon and will not be renewed", true),
    NOT_READY("No valid token at the ready-by time", true),
    KEYCHAIN_LOCKED("Keychain locked", true),
    REDIS_UNREACHABLE("Redis of a followed token cannot be read", true),
    CLOCK_OFF("Computer clock is off", false),
    TOKEN_REVOKED("Token revoked by Upstox", true),
    APPROVAL_REQUESTED("Approve the login in the Upstox app", true),
    OUTPUT_FAILED("A token file, hook or Redis failed", false);

    private final String label;
    private final boolean urgent;

    NotificationKind(String label, boolean urgent) {
        this.label = label;
        this.urgent = urgent;
    }

    /** The setting's label. */
    public String label() {
        return label;
    }

    /** Urgent ones stay on screen until dismissed where the desktop allows it. */
    public boolean urgent() {
        return urgent;
    }
}
