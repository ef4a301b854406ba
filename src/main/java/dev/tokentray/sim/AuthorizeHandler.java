package dev.tokentray.sim;

import dev.tokentray.sim.SimulatedSession.Stage;
import java.net.URI;
import java.util.Optional;

/**
 * Where a login whose PIN was accepted gets its authorization code: step 5, or the redirect
 * that the v3 PIN step hands out. Either way the code comes on the registered redirect URI,
 * which a client reads and never requests.
 */
final class AuthorizeHandler {
    record Authorized(String redirectUri, boolean isApproved) {}

    private final KnownAccounts accounts;
    private final LoginSessions sessions;
    private final AuthCodes codes;

    AuthorizeHandler(KnownAccounts accounts, LoginSessions sessions, AuthCodes codes) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.codes = codes;
    }

    /** Step 5: its redirect_uri must be the one the PIN step was called with. */
    Reply authorize(Request request) {
        SimulatedSession session = sessions.require(request, Stage.PIN_VERIFIED);
        if (!accounts.of(session).account().clientId().equals(request.query("client_id"))
                || !session.pinRedirectUri().equals(request.query("redirect_uri"))) {
            throw Rejected.service(ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                    ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE);
        }
        if (!"code".equals(request.query("response_type")) || request.query("requestId").isBlank()) {
            throw Rejected.service(ErrorCodes.GENERIC, "response_type=code and a requestId are required");
        }
        if (!request.data().path("userOAuthApproval").asBoolean()) {
            throw Rejected.service(ErrorCodes.GENERIC, "userOAuthApproval must be true");
        }
        return Reply.serviceData(new Authorized(redirectWithCode(session).toString(), true));
    }

    /** The v3 PIN step's redirect. */
    Reply followPinRedirect(Request request) {
        SimulatedSession session = sessions.require(request, Stage.PIN_VERIFIED);
        if (!accounts.of(session).account().clientId().equals(request.query("client_id"))) {
            throw Rejected.api(400, ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                    ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE);
        }
        return new Reply.Redirect(redirectWithCode(session), Optional.empty());
    }

    /** A session yields one code and ends. */
    private URI redirectWithCode(SimulatedSession session) {
        sessions.end(session);
        return redirectWithCode(accounts.of(session).account(), codes, session);
    }

    /** The registered redirect URI with a new code, and the dialog's state when it had one. */
    static URI redirectWithCode(SimulatedAccount account, AuthCodes codes, SimulatedSession session) {
        String code = codes.issue(account);
        return URI.create(session.state() == null
                ? Urls.withQuery(account.redirectUri(), "code", code)
                : Urls.withQuery(account.redirectUri(), "code", code, "state", session.state()));
    }
}
