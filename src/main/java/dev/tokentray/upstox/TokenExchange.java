package dev.tokentray.upstox;

import static dev.tokentray.upstox.EndpointVersions.firstLive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 6, the one step the TOTP login and the browser login share: an authorization code for an
 * access token, at once and exactly once (a code is single-use and short-lived). Its failures are
 * classified by {@link Answer} like every other step's, so both logins say the same about them.
 */
final class TokenExchange {
    private final UpstoxHosts hosts;
    private final CookieSession session;
    private final Clock clock;

    TokenExchange(UpstoxHosts hosts, CookieSession session, Clock clock) {
        this.hosts = hosts;
        this.session = session;
        this.clock = clock;
    }

    AccessToken exchange(UpstoxCredentials credentials, Secret code) throws StepFailedException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code.reveal());
        form.put("client_id", credentials.clientId());
        form.put("client_secret", credentials.clientSecret().reveal());
        // The registered one, whatever the login used on the way: Upstox compares it with the app's.
        form.put("redirect_uri", credentials.redirectUri());
        form.put("grant_type", "authorization_code");
        return firstLive(LoginStep.TOKEN_EXCHANGE, LoginEndpoints.TOKEN,
                path -> session.postForm(LoginStep.TOKEN_EXCHANGE, hosts.api(path), form),
                (path, answer) -> {
                    JsonNode json = answer.json();
                    Secret token = Secret.of(answer.required(json, "/access_token"));
                    return AccessToken.issued(token, clock.instant(), json.path("user_id").asText(""),
                            json.path("user_name").asText(""));
                });
    }
}
