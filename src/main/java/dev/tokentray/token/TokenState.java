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
    EXPIRED;

    public static final Duration EXPIRING_WITHIN = Duration.ofHours(1);

    public static TokenState of(Optional<AccessToken> token, Instant now) {
        return token.map(t -> of(t, now)).orElse(MISSING);
    }

    public static TokenState of(AccessToken token, Instant now) {
        if (!now.isBefore(token.expiresAt())) {
            return EXPIRED;
        }
        return Duration.between(now, token.expiresAt()).compareTo(EXPIRING_WITHIN) < 0 ? EXPIRING : VALID;
    }

    /** True while the token can still be used. */
    public boolean usable() {
        return this == VALID || this == EXPIRING;
    }
}
