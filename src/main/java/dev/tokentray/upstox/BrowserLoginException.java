package dev.tokentray.upstox;

import java.util.Objects;

/**
 * A browser login that ended without a code: the message says what happened and what to do, and
 * never holds a code. Nothing reached Upstox's token endpoint, so nothing is recorded as a login.
 */
public final class BrowserLoginException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why no code came. */
    public enum Reason {
        /** The address carries no code: it is not the one the browser ended on after the login. */
        NO_CODE,
        /** The address belongs to another login: its {@code state} is missing or not this login's. */
        WRONG_STATE,
        /** Upstox's page sent the browser back with an {@code error} instead of a code. */
        REFUSED_BY_UPSTOX,
        /** The browser did not come back within the time the login waits. */
        TIMED_OUT,
        /** The port of the loopback redirect URI cannot be had: another program uses it. */
        CANNOT_LISTEN
    }

    private final Reason reason;

    public BrowserLoginException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
