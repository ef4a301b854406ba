package dev.tokentray.renew;

/** Who asked for a login; it decides which stops hold. */
public enum Trigger {
    /** The schedule: keeps to the login window and the backoff, and to every stop. */
    AUTOMATIC,
    /** A script needs a token now ({@code token}): no window or backoff, but every stop. */
    ON_DEMAND,
    /** The trader asked (Renew now, {@code refresh}): a rejected login needs their confirmation. */
    MANUAL
}
