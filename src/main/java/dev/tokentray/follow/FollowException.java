package dev.tokentray.follow;

/** Redis cannot be reached, or refused the app: the message says why and what to do, never a secret. */
public final class FollowException extends Exception {
    public FollowException(String message, Throwable cause) {
        super(message, cause);
    }
}
