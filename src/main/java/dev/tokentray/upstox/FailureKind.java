package dev.tokentray.upstox;

/** Why a login failed, which decides what the app may do next. */
public enum FailureKind {
    /** Upstox rejected something the trader gave: never retried, five wrong tries lock the account. */
    CREDENTIALS,
    /** Upstox asked to wait: retry only after the wait. */
    RATE_LIMITED,
    /** Network trouble or a passing Upstox fault: a later try may work. */
    TRANSIENT,
    /** Upstox's bot wall answered (a 403, or HTML where JSON was due). */
    BLOCKED,
    /** Upstox answered in a way the app does not know: the login changed. */
    PROTOCOL_CHANGED
}
