package dev.tokentray.sim;

/** The token's own endpoints: the profile, which proves a token works, and logout. */
final class UserHandler {
    private final SimulatedAccount account;
    private final IssuedTokens tokens;

    UserHandler(SimulatedAccount account, IssuedTokens tokens) {
        this.account = account;
        this.tokens = tokens;
    }

    Reply profile(Request request) {
        if (request.bearerToken().filter(tokens::isLive).isEmpty()) {
            throw invalidToken();
        }
        return Reply.apiData(UserDetails.of(account));
    }

    Reply logout(Request request) {
        if (request.bearerToken().filter(tokens::revoke).isEmpty()) {
            throw invalidToken();
        }
        return Reply.apiData(true);
    }

    private static Rejected invalidToken() {
        return Rejected.api(401, ErrorCodes.INVALID_TOKEN, "Invalid token used to access API");
    }
}
