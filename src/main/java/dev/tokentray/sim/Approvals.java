package dev.tokentray.sim;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstox's approval login, played: the request (API secret only), the trader's approval (by hand
 * or after a set delay), and the POST of the new token to the app's Notifier Webhook, with the
 * fields others' code reads. One request is open at a time, of the account whose API key it
 * names; a new one replaces it, and an approval after its {@code authorization_expiry} is refused,
 * as the trader's prompt is gone.
 */
final class Approvals {
    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration NOTIFIER_TIMEOUT = Duration.ofSeconds(10);

    private final KnownAccounts accounts;
    private final IssuedTokens tokens;
    private final SimulatorCounters counters;
    private final SimulatedApprovals settings;
    private final Clock clock;
    private Instant openUntil; // guarded by this: the open request's expiry
    private SimulatedAccount openFor; // guarded by this: the open request's account

    Approvals(KnownAccounts accounts, IssuedTokens tokens, SimulatorCounters counters, SimulatedApprovals settings,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /v3/login/auth/token/request/{client_id}} with {@code {"client_secret": "..."}}. */
    Reply request(Request request) {
        String clientId = request.path().substring(Endpoint.TOKEN_REQUEST.path().length());
        SimulatedAccount account = accounts.byClientId(clientId).map(KnownAccounts.Known::account)
                .filter(known -> known.credentials().clientSecret().equals(clientSecret(request)))
                .orElseThrow(() -> Rejected.api(401, ErrorCodes.INVALID_CREDENTIALS, "Invalid Credentials"));
        Instant expiry = clock.instant().plus(settings.expiry());
        synchronized (this) {
            openUntil = expiry;
            openFor = account;
        }
        counters.record(SimulatorCounters.Event.APPROVAL_REQUESTS, account);
        settings.approveAfter().ifPresent(delay -> Thread.ofVirtual().name("simulated-approval").start(() -> {
            try {
                Thread.sleep(delay);
                approve();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException | IOException e) {
                LOG.warn("The approval after {} went nowhere: {}", delay, e.getMessage());
            }
        }));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("authorization_expiry", Long.toString(expiry.toEpochMilli()));
        data.put("notifier_url", settings.notifierUrl().map(URI::toString).orElse(null));
        return Reply.apiData(data);
    }

    /**
     * The trader approves the open request: a token is issued and POSTed to the Notifier Webhook.
     *
     * @throws IllegalStateException when no request is open, or no webhook is set
     * @throws IOException           when the webhook could not be reached
     */
    ApprovalDelivery approve() throws IOException, InterruptedException {
        URI notifier = settings.notifierUrl().orElseThrow(() -> new IllegalStateException(
                "No Notifier Webhook is set: start the simulator with --notifier-url"));
        SimulatedAccount account;
        synchronized (this) {
            if (openUntil == null || !clock.instant().isBefore(openUntil)) {
                openUntil = null;
                throw new IllegalStateException("No approval request is open (none came, or it expired)");
            }
            openUntil = null;
            account = openFor;
        }
        String token = tokens.issue(account);
        IssuedTokens.Issued times = tokens.issued(token).orElseThrow();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", account.clientId());
        body.put("user_id", account.userId());
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_at", Long.toString(times.expiresAt().toEpochMilli()));
        body.put("issued_at", Long.toString(times.issuedAt().toEpochMilli()));
        body.put("message_type", "access_token");
        counters.record(SimulatorCounters.Event.APPROVALS_SENT, account);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(NOTIFIER_TIMEOUT).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(notifier).timeout(NOTIFIER_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            LOG.info("Approved: the token went to the Notifier Webhook, which answered HTTP {}", answer.statusCode());
            return new ApprovalDelivery(answer.statusCode(), answer.body());
        }
    }

    /** {@code POST /simulator/approve}, the simulator's own: {@link #approve()} for another process. */
    Reply approveByRequest() {
        try {
            ApprovalDelivery delivery = approve();
            return new Reply.Json(200, Map.of("approved", true, "notifierStatus", delivery.status()));
        } catch (IllegalStateException | IOException e) {
            return new Reply.Json(409, Map.of("approved", false, "reason", String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Empty(503);
        }
    }

    private static Secret clientSecret(Request request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            return Secret.of(Optional.ofNullable(body).map(json -> json.path("client_secret").asText("")).orElse(""));
        } catch (JacksonException e) {
            return Secret.of("");
        }
    }
}
