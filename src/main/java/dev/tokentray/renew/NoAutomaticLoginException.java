package dev.tokentray.renew;

import dev.tokentray.vault.Profile;

/**
 * No usable token, and the account's login method is one the trader takes part in (an approval,
 * the browser): nothing logs in with the PIN and TOTP by itself for it. Nothing reached Upstox.
 */
public final class NoAutomaticLoginException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoAutomaticLoginException(Profile profile, LoginMethod method) {
        super("There is no valid token of profile '" + profile + "', and its login method is " + method.description()
                + ": nothing logs in by itself. " + switch (method) {
                    case APPROVAL -> "Approve the request in the Upstox app or on WhatsApp, or send one with"
                            + " `upstox-token-tray login --approval`.";
                    default -> "Log in with `upstox-token-tray login --browser`.";
                });
    }
}
