package dev.tokentray.sim;

/** The token's own endpoints: the profile, which proves a token works, and logout. */
final class UserHandler {
    private final KnownAccounts accounts;
    private final IssuedTokens tokens;

    UserHandler(KnownAccounts accounts, IssuedTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** The profile of the token's own account. */
    Reply profile(Request request) {
        SimulatedAccount account = request.bearerToken().flatMap(tokens::owner).flatMap(accounts::byUserId)
                .map(KnownAccounts.Known::account).orElseThrow(UserHandler::invalidToken);
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
