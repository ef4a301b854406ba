package dev.tokentray.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.sim.SimulatedSession.Stage;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/** Step 4: the PIN, base64-encoded once. */
final class PinHandler {
    /** The redirect_uri of the v3 PIN step (and of upstox-totp's step 5), whatever the app registered. */
    static final String UPSTOX_REDIRECT_URI = "https://api-v2.upstox.com/login/authorization/redirect";

    /**
     * The answer. {@code redirectUri} is null for v4 ({@code isExternalClientOAuthApp}: go on to
     * step 5); for v3 it leads to the code.
     */
    record PinAccepted(
            String redirectUri,
            String userType,
            String customerStatus,
            String appStatus,
            long refreshTokenExpiry,
            boolean isPlusPlanFastWebsocketEnabled,
            boolean isNewRefreshTokenCreated,
            boolean isExternalClientOAuthApp) {}

    private final KnownAccounts accounts;
    private final LoginSessions sessions;
    private final SimulatorCounters counters;
    private final Clock clock;
    private final URI baseUri;

    PinHandler(KnownAccounts accounts, LoginSessions sessions, SimulatorCounters counters, Clock clock, URI baseUri) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.counters = counters;
        this.clock = clock;
        this.baseUri = baseUri;
    }

    /** v4 takes the app's own redirect URI and names the profile, in the body and in two headers. */
    Reply submitV4(Request request) {
        SimulatedSession session = sessions.require(request, Stage.OTP_VERIFIED);
        KnownAccounts.Known known = accounts.of(session);
        SimulatedAccount account = known.account();
        requireClient(request, account, account.redirectUri());
        JsonNode data = request.data();
        String profileId = String.valueOf(account.profileId());
        if (!profileId.equals(data.path("profileId").asText())
                || !profileId.equals(request.header("X-Profile-Id"))
                || !account.userId().equals(request.header("X-User-Id"))) {
            throw Rejected.service(ErrorCodes.GENERIC,
                    "profileId, X-Profile-Id and X-User-Id must name the account of the OTP step");
        }
        checkPin(known, data);
        sessions.update(session.pinVerified(account.redirectUri()));
        return Reply.serviceData(accepted(null, true));
    }

    /** v3 takes Upstox's own redirect URI, and answers where to find the code. */
    Reply submitV3(Request request) {
        SimulatedSession session = sessions.require(request, Stage.OTP_VERIFIED);
        KnownAccounts.Known known = accounts.of(session);
        SimulatedAccount account = known.account();
        requireClient(request, account, UPSTOX_REDIRECT_URI);
        checkPin(known, request.data());
        sessions.update(session.pinVerified(UPSTOX_REDIRECT_URI));
        // On the simulator, never on a real host: a client follows this address.
        String next = Urls.withQuery(baseUri + Endpoint.PIN_REDIRECT.path(), "client_id", account.clientId());
        return Reply.serviceData(accepted(next, false));
    }

    private static void requireClient(Request request, SimulatedAccount account, String redirectUri) {
        if (!account.clientId().equals(request.query("client_id")) || !redirectUri.equals(request.query("redirect_uri"))) {
            throw Rejected.service(ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                    ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE);
        }
    }

    private void checkPin(KnownAccounts.Known known, JsonNode data) {
        if (!"SECRET_PIN".equals(data.path("twoFAMethod").asText())) {
            throw Rejected.service(ErrorCodes.GENERIC, "twoFAMethod must be SECRET_PIN");
        }
        checkPin(known, base64Decoded(data.path("inputText").asText()));
    }

    /**
     * The PIN check the API step and the login form share: a wrong PIN counts towards the
     * account's lock, however it came.
     *
     * @throws Rejected when the PIN is wrong, or the account is locked
     */
    void checkPin(KnownAccounts.Known known, String pin) {
        known.lock().requireUnlocked();
        counters.record(SimulatorCounters.Event.PIN_ATTEMPTS, known.account());
        if (!known.account().credentials().pin().equals(Secret.of(pin))) {
            int attemptsLeft = known.lock().failed(AccountLock.Factor.PIN);
            // "attempts left" even for one: clients recognise the message by this phrase.
            throw Rejected.service(ErrorCodes.WRONG_PIN, "Incorrect PIN. " + attemptsLeft + " attempts left");
        }
        known.lock().passed(AccountLock.Factor.PIN);
    }

    /** A PIN sent without base64, or encoded twice, is simply a wrong PIN, as it is for Upstox. */
    private static String base64Decoded(String text) {
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private PinAccepted accepted(String redirectUri, boolean externalApp) {
        long webSessionExpiry = TokenExpiry.nextDailyExpiry(clock.instant()).toEpochMilli();
        return new PinAccepted(redirectUri, UserDetails.USER_TYPE, "ACTIVE", null, webSessionExpiry, false, false, externalApp);
    }
}
