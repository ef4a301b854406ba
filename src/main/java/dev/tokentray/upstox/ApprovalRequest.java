package dev.tokentray.upstox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval request Upstox accepted: the trader now has a prompt in the Upstox app and on
 * WhatsApp, and on approval Upstox POSTs the token to the app's Notifier Webhook.
 *
 * @param authorizationExpiry until when the trader can approve it
 * @param notifierUrl         where Upstox says it will POST the token, when it says
 * @param took                how long the request took
 */
public record ApprovalRequest(String clientId, Instant requestedAt, Instant authorizationExpiry,
        Optional<URI> notifierUrl, Duration took) {
    public ApprovalRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(authorizationExpiry, "authorizationExpiry");
        Objects.requireNonNull(notifierUrl, "notifierUrl");
        Objects.requireNonNull(took, "took");
    }
}
