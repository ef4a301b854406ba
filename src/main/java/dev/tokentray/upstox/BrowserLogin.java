package dev.tokentray.upstox;

import dev.tokentray.upstox.BrowserLoginException.Reason;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One login by Upstox's documented OAuth flow, for when the TOTP login is blocked or has changed:
 * the trader logs in on Upstox's own page in a browser, and Upstox sends the browser back to the
 * registered redirect URI with a code. The app takes the code there with a
 * {@link LoopbackListener} when the redirect URI is a loopback address, or from the address the
 * trader pastes otherwise; {@link UpstoxLoginClient#exchange} then turns it into a token.
 *
 * <p>Each login has its own random {@code state}, which Upstox sends back with the code: a code
 * that comes with another state is not this login's (a stale tab, or a forged redirect).
 */
public final class BrowserLogin {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int STATE_BYTES = 32;

    private final URI address;
    private final URI redirectUri;
    private final String state;

    BrowserLogin(UpstoxHosts hosts, String clientId, String redirectUri) {
        this.redirectUri = URI.create(Objects.requireNonNull(redirectUri, "redirectUri"));
        this.state = newState();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        this.address = hosts.api(LoginEndpoints.DIALOG.getFirst() + QueryStrings.query(query));
    }

    /** A new login, with a new state, for the stored credentials' API key and redirect URI. */
    public static BrowserLogin of(UpstoxHosts hosts, UpstoxCredentials credentials) {
        return new BrowserLogin(hosts, credentials.clientId(), credentials.redirectUri());
    }

    /** Where the browser goes: Upstox's authorization dialog, which leads to its login page. It holds no secret. */
    public URI address() {
        return address;
    }

    /** The registered redirect URI, where Upstox sends the browser back with the code. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** True when the redirect URI is {@code http} on a loopback address, where the app itself can listen. */
    public boolean canListen() {
        return LoopbackListener.canListenAt(redirectUri);
    }

    /**
     * Listens on the redirect URI for the browser's return, for at most {@code timeout}.
     *
     * @throws IllegalStateException when the redirect URI is not a loopback address ({@link #canListen()})
     * @throws BrowserLoginException when the port cannot be had ({@link Reason#CANNOT_LISTEN}), saying what to do
     */
    public LoopbackListener listen(Duration timeout) throws BrowserLoginException {
        if (!canListen()) {
            throw new IllegalStateException("The redirect URI is not a loopback address; read the pasted address instead");
        }
        try {
            return LoopbackListener.start(redirectUri, state, timeout);
        } catch (IOException e) {
            throw new BrowserLoginException(Reason.CANNOT_LISTEN, e.getMessage() + " Stop the program that uses the"
                    + " port and start the browser login again, or register another loopback redirect URI"
                    + " (http://127.0.0.1:PORT/callback) for your app and enter it in the settings.");
        }
    }

    /**
     * The code in the address the browser ended on, as the trader pasted it (the whole address,
     * or only its query). Its {@code state}, when it has one, must be this login's.
     *
     * @throws BrowserLoginException when it holds no code, another login's state, or Upstox's error
     */
    public AuthorizationCode codeFromPastedAddress(String pasted) throws BrowserLoginException {
        String text = pasted == null ? "" : pasted.strip().replaceAll("^[\"'<]+|[\"'>]+$", "");
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        int question = text.indexOf('?');
        String query = question >= 0 ? text.substring(question + 1) : text.contains("=") ? text : null;
        if (query == null) {
            throw new BrowserLoginException(Reason.NO_CODE, (text.isEmpty() ? "Nothing was pasted." : "That is not"
                    + " the address the browser ended on.") + " Paste the whole address from the browser's address bar"
                    + " once Upstox has sent it to " + redirectUri + "; it carries ?code=...");
        }
        return CallbackQuery.read(QueryStrings.parameters(query), state, false);
    }

    /** This login's state, as the dialog address carries it. */
    String state() {
        return state;
    }

    /** 256 random bits, URL-safe: unguessable, so that no other page can hand the app a code of its choosing. */
    private static String newState() {
        byte[] bytes = new byte[STATE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
