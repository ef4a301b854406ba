package dev.tokentray.sim;

import java.util.Map;

/**
 * The token's own endpoints: the profile of the token's account, which proves a token works;
 * logout, which ends one; and the change of the account's static IP, which ends all of the
 * account's tokens.
 */
final class UserHandler {
    private final KnownAccounts accounts;
    private final IssuedTokens tokens;

    UserHandler(KnownAccounts accounts, IssuedTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    Reply profile(Request request) {
        return Reply.apiData(UserDetails.of(liveTokensAccount(request)));
    }

    Reply logout(Request request) {
        if (request.bearerToken().filter(tokens::revoke).isEmpty()) {
            throw invalidToken();
        }
        return Reply.apiData(true);
    }

    /**
     * {@code PUT /v2/user/ip}: Upstox allows it once a week, and it ends every token of the
     * account, which its answer says. The new address itself is not kept: no endpoint here needs it.
     */
    Reply changeIp(Request request) {
        tokens.revokeAllOf(liveTokensAccount(request).userId());
        return Reply.apiData(Map.of("access_tokens_invalidated", true));
    }

    private SimulatedAccount liveTokensAccount(Request request) {
        return request.bearerToken().flatMap(tokens::owner).flatMap(accounts::byUserId)
                .map(KnownAccounts.Known::account).orElseThrow(UserHandler::invalidToken);
    }

    private static Rejected invalidToken() {
        return Rejected.api(401, ErrorCodes.INVALID_TOKEN, "Invalid token used to access API");
    }
}
