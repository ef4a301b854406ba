package dev.tokentray.follow;

/** Redis cannot be reached, or refused the app: the message says why and what to do, never a secret. */
public final class FollowException extends Exception {
    private final boolean refused;

    /** @param refused Redis answered, and refused the app (its user, password or rights); else it was not reached */
    public FollowException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** Whether Redis refused the app (a wrong user or password, missing rights), rather than not being reached. */
    public boolean refused() {
        return refused;
    }
}
