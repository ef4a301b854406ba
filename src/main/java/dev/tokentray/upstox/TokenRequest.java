package dev.tokentray.upstox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstox's documented "Access Token Request" (beta): {@code POST /v3/login/auth/token/request/{client_id}}
 * with the API secret. It sends no PIN and no TOTP; Upstox rejecting the API secret is a
 * credentials failure like any other, classified by {@link Answer}.
 */
final class TokenRequest {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRequest.class);
    static final String PATH = "/v3/login/auth/token/request/";
    /** When the answer lacks its expiry (not seen; the field is documented): how long the app waits for the trader. */
    static final Duration ASSUMED_EXPIRY = Duration.ofMinutes(10);

    private final UpstoxHosts hosts;
    private final LoginTimeouts timeouts;
    private final Clock clock;

    TokenRequest(UpstoxHosts hosts, LoginTimeouts timeouts, Clock clock) {
        this.hosts = hosts;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    ApprovalRequest send(UpstoxCredentials credentials) throws StepFailedException, InterruptedException {
        LoginStep step = LoginStep.TOKEN_REQUEST;
        Instant start = clock.instant();
        URI uri = hosts.api(PATH + URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8));
        JsonNode body = Answer.JSON.createObjectNode().put("client_secret", credentials.clientSecret().reveal());
        HttpResponse<String> response;
        try (ApiRequests api = new ApiRequests(timeouts)) {
            response = api.postJson(uri, body);
        } catch (ApiRequests.Unanswered e) {
            throw new StepFailedException(FailureMessages.networkFault(step, e.getMessage()));
        }
        Answer answer = new Answer(step, response);
        if (answer.endpointGone()) {
            throw new StepFailedException(FailureMessages.protocolChanged(step,
                    "its endpoint answered HTTP " + answer.status()));
        }
        JsonNode data = answer.json().path("data");
        Instant expiry = Timestamps.read(data.path("authorization_expiry")).orElseGet(() -> {
            LOG.warn("Upstox's answer to the approval request has no readable authorization_expiry; assuming {} min",
                    ASSUMED_EXPIRY.toMinutes());
            return start.plus(ASSUMED_EXPIRY);
        });
        Optional<URI> notifier = Optional.of(data.path("notifier_url").asText("").strip())
                .filter(text -> !text.isEmpty())
                .flatMap(TokenRequest::uri);
        return new ApprovalRequest(credentials.clientId(), start, expiry, notifier,
                Duration.between(start, clock.instant()));
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
