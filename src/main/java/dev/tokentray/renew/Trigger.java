package dev.tokentray.renew;

/** Who asked for a login; it decides which stops hold. */
public enum Trigger {
    /** The schedule: keeps to the login window and the backoff, and to every stop. */
    AUTOMATIC,
    /** A script needs a token now ({@code token}): no window or backoff, but every stop. */
    ON_DEMAND,
    /** The trader asked (Renew now, {@code refresh}): a rejected login needs their confirmation. */
    MANUAL,
    /**
     * The trader logged in on Upstox's own page in the browser, and the app exchanged the code: no
     * stop holds it, since the app sends no PIN or TOTP of its own, and it says nothing about
     * whether the automatic login works (see {@link RenewalPolicy}).
     */
    BROWSER,
    /**
     * The trader approved an approval request (Upstox's "Access Token Request") and Upstox POSTed
     * the token to the webhook; the request itself, when it fails, is recorded with it too. It
     * sends the API secret only: a rejection of it stops like any rejected credential, a rejected
     * PIN or TOTP does not hold it (see {@link ApprovalLogin}).
     */
    APPROVAL,
    /**
     * No login: another machine renewed the account's token, and this one took it from the Redis
     * they share ({@link SharedLogin}), or from the Redis it follows the account in (an account
     * without credentials here); or it took a wait or a rejection another machine met.
     */
    REDIS
}
