package dev.tokentray.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where a token stands at a moment. */
public enum TokenState {
    MISSING,
    VALID,
    /** Still valid, with under an hour left. */
    EXPIRING,
    EXPIRED,
    /** Refused by Upstox before its expiry (an IP change, a logout, a revocation): as dead as an expired one. */
    REVOKED;

    public static final Duration EXPIRING_WITHIN = Duration.ofHours(1);

    public static TokenState of(Optional<AccessToken> token, Instant now) {
        return of(token, now, EXPIRING_WITHIN);
    }

    public static TokenState of(AccessToken token, Instant now) {
        return of(Optional.of(token), now, EXPIRING_WITHIN);
    }

    /** With another threshold for "expiring": demo mode's tokens live minutes, not a day. */
    public static TokenState of(Optional<AccessToken> token, Instant now, Duration expiringWithin) {
        if (token.isEmpty()) {
            return MISSING;
        }
        if (token.get().revokedAt().isPresent()) {
            return REVOKED;
        }
        if (!now.isBefore(token.get().expiresAt())) {
            return EXPIRED;
        }
        return Duration.between(now, token.get().expiresAt()).compareTo(expiringWithin) < 0 ? EXPIRING : VALID;
    }

    /** True while the token can still be used. */
    public boolean usable() {
        return this == VALID || this == EXPIRING;
    }
}
