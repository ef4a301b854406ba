package dev.tokentray.sim;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tokentray.token.Secret;
import java.util.Map;
import java.util.Optional;

/** Step 6: a code for a token. Upstox answers a flat JSON object here, with no envelope. */
final class TokenHandler {
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenIssued(@JsonUnwrapped UserDetails user, String accessToken, String extendedToken) {}

    private final KnownAccounts accounts;
    private final AuthCodes codes;
    private final IssuedTokens tokens;
    private final SimulatorCounters counters;

    TokenHandler(KnownAccounts accounts, AuthCodes codes, IssuedTokens tokens, SimulatorCounters counters) {
        this.accounts = accounts;
        this.codes = codes;
        this.tokens = tokens;
        this.counters = counters;
    }

    Reply exchange(Request request) {
        Map<String, String> form = request.form();
        Optional<SimulatedAccount> client = accounts.byClientId(form.getOrDefault("client_id", ""))
                .map(KnownAccounts.Known::account);
        client.ifPresentOrElse(account -> counters.record(SimulatorCounters.Event.CODE_EXCHANGES, account),
                () -> counters.record(SimulatorCounters.Event.CODE_EXCHANGES));
        SimulatedAccount account = client
                .filter(known -> known.credentials().clientSecret().equals(Secret.of(form.getOrDefault("client_secret", ""))))
                .orElseThrow(() -> Rejected.api(401, ErrorCodes.INVALID_CREDENTIALS, "Invalid Credentials"));
        if (!account.redirectUri().equals(form.get("redirect_uri"))) {
            throw Rejected.api(400, ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI,
                    ErrorCodes.WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE);
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            throw Rejected.api(400, ErrorCodes.BAD_REQUEST, "grant_type must be authorization_code");
        }
        // A code is the account's own: another account's API key cannot redeem it.
        if (!codes.redeem(form.getOrDefault("code", "")).filter(account.userId()::equals).isPresent()) {
            throw Rejected.api(400, ErrorCodes.INVALID_AUTH_CODE, "Invalid Auth code");
        }
        // No extended token: Upstox gives one only to apps that asked for it.
        return new Reply.Json(200, new TokenIssued(UserDetails.of(account), tokens.issue(account), null));
    }
}
