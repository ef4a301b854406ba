package dev.tokentray.upstox;

import dev.tokentray.upstox.BrowserLoginException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Reads the query Upstox's login sends the browser back with, to the redirect URI: {@code code}
 * and {@code state} when the trader logged in, {@code error} (and {@code error_description}) when
 * not. One reading for the loopback listener and for an address the trader pastes.
 */
final class CallbackQuery {
    private static final int MAX_QUOTED_LENGTH = 160;

    private CallbackQuery() {}

    /**
     * The code, after the checks in this order: the {@code state} (it must be there when
     * {@code stateRequired}; when there, it must be this login's), then Upstox's {@code error},
     * then the {@code code} itself.
     *
     * @throws BrowserLoginException with a message for the trader, never holding the code
     */
    static AuthorizationCode read(Map<String, String> parameters, String expectedState, boolean stateRequired)
            throws BrowserLoginException {
        String state = parameters.get("state");
        if (state == null ? stateRequired : !sameState(state, expectedState)) {
            throw new BrowserLoginException(Reason.WRONG_STATE, "This address belongs to another login: its state "
                    + (state == null ? "is missing" : "is not this login's")
                    + ". Finish the login in the browser tab this login opened, or start the browser login again.");
        }
        String error = parameters.get("error");
        if (error != null) {
            String description = parameters.getOrDefault("error_description", "");
            throw new BrowserLoginException(Reason.REFUSED_BY_UPSTOX, "Upstox did not log you in: \"" + quote(error)
                    + (description.isBlank() ? "" : ": " + quote(description)) + "\". Start the browser login again;"
                    + " if Upstox refuses again, check the API key and redirect URI in the settings.");
        }
        String code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw new BrowserLoginException(Reason.NO_CODE, "This address carries no login code. The one to use is"
                    + " the address the browser shows once you have logged in on Upstox's page: the redirect URI with"
                    + " ?code=...");
        }
        return AuthorizationCode.of(code);
    }

    /** Constant time: the state guards against a forged redirect, so comparing it leaks nothing through timing. */
    private static boolean sameState(String state, String expected) {
        return MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Upstox's words, or whoever wrote the address: shown to the trader, cut short, never trusted as markup. */
    private static String quote(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= MAX_QUOTED_LENGTH ? flat : flat.substring(0, MAX_QUOTED_LENGTH) + "…";
    }
}
