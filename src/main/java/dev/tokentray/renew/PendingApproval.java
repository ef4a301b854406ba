package dev.tokentray.renew;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last approval request a profile sent, as kept in the state folder until its token arrives:
 * what a notice must match to be taken (see {@link ApprovalInbox}). No secret is in it.
 *
 * @param userId      whose token is expected, when a token of the profile told it before
 * @param expiresAt   the request's {@code authorization_expiry}
 * @param requestTook how long the request itself took
 */
public record PendingApproval(String profile, String clientId, Optional<String> userId, Instant requestedAt,
        Instant expiresAt, Duration requestTook) {
    public PendingApproval {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(requestTook, "requestTook");
    }

    public boolean openAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
