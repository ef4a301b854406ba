package dev.tokentray.sim;

import java.util.Map;

/**
 * The token's own endpoints: the profile, which proves a token works; logout, which ends one; and
 * the change of the account's static IP, which ends them all.
 */
final class UserHandler {
    private final SimulatedAccount account;
    private final IssuedTokens tokens;

    UserHandler(SimulatedAccount account, IssuedTokens tokens) {
        this.account = account;
        this.tokens = tokens;
    }

    Reply profile(Request request) {
        requireLiveToken(request);
        return Reply.apiData(UserDetails.of(account));
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
        requireLiveToken(request);
        tokens.revokeAll();
        return Reply.apiData(Map.of("access_tokens_invalidated", true));
    }

    private void requireLiveToken(Request request) {
        if (request.bearerToken().filter(tokens::isLive).isEmpty()) {
            throw invalidToken();
        }
    }

    private static Rejected invalidToken() {
        return Rejected.api(401, ErrorCodes.INVALID_TOKEN, "Invalid token used to access API");
    }
}
