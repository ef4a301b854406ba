package dev.tokentray.sim;

import java.net.URI;
import java.util.Optional;

/** Step 1: the authorization dialog, which opens the login session, and the login page it leads to. */
final class DialogHandler {
    private static final String LOGIN_PAGE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Upstox login (simulator)</title></head>
            <body>
            <h1>Upstox login (simulator)</h1>
            <p>This page stands in for login.upstox.com. The TOTP login goes on through the login API.</p>
            </body>
            </html>
            """;

    private final SimulatedAccount account;
    private final LoginSessions sessions;
    private final URI baseUri;

    DialogHandler(SimulatedAccount account, LoginSessions sessions, URI baseUri) {
        this.account = account;
        this.sessions = sessions;
        this.baseUri = baseUri;
    }

    Reply open(Request request) {
        if (!"code".equals(request.query("response_type"))) {
            throw Rejected.api(400, ErrorCodes.BAD_REQUEST, "response_type must be code");
        }
        if (!account.clientId().equals(request.query("client_id"))
                || !account.redirectUri().equals(request.query("redirect_uri"))) {
            throw Rejected.api(400, ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                    ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE);
        }
        LoginSession session = sessions.open();
        String loginPage = Urls.withQuery(baseUri + Endpoint.LOGIN_PAGE.path(),
                "client_id", account.clientId(), "user_id", account.userId(), "user_type", UserDetails.USER_TYPE);
        return new Reply.Redirect(URI.create(loginPage), Optional.of(LoginSessions.cookieFor(session)));
    }

    Reply loginPage() {
        return new Reply.Html(200, LOGIN_PAGE);
    }
}
