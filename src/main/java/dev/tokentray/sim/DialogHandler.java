package dev.tokentray.sim;

import java.net.URI;
import java.util.Optional;

/**
 * Step 1: the authorization dialog, which opens the login session and leads to the login page
 * ({@link LoginFormHandler}). The session keeps the dialog's {@code state}, which goes back with
 * the code, as Upstox's OAuth dialog does.
 */
final class DialogHandler {
    private final KnownAccounts accounts;
    private final LoginSessions sessions;
    private final URI baseUri;

    DialogHandler(KnownAccounts accounts, LoginSessions sessions, URI baseUri) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.baseUri = baseUri;
    }

    Reply open(Request request) {
        if (!"code".equals(request.query("response_type"))) {
            throw Rejected.api(400, ErrorCodes.BAD_REQUEST, "response_type must be code");
        }
        SimulatedAccount account = accounts.byClientId(request.query("client_id")).map(KnownAccounts.Known::account)
                .filter(known -> known.redirectUri().equals(request.query("redirect_uri")))
                .orElseThrow(() -> Rejected.api(400, ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                        ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE));
        String state = request.query("state");
        SimulatedSession session = sessions.open(account.userId(), state.isEmpty() ? null : state);
        String loginPage = Urls.withQuery(baseUri + Endpoint.LOGIN_PAGE.path(),
                "client_id", account.clientId(), "user_id", account.userId(), "user_type", UserDetails.USER_TYPE);
        return new Reply.Redirect(URI.create(loginPage), Optional.of(LoginSessions.cookieFor(session)));
    }
}
