package dev.tokentray.token;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When an Upstox token dies. Upstox says a token is valid "until 3:30 AM the following day,
 * regardless of the time it was generated", so a token made at 02:30 IST dies an hour later.
 */
public final class TokenExpiry {
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    public static final LocalTime DAILY_EXPIRY = LocalTime.of(3, 30);

    private TokenExpiry() {}

    /** The first 03:30 IST strictly after {@code time}. */
    public static Instant nextDailyExpiry(Instant time) {
        ZonedDateTime at = time.atZone(IST);
        ZonedDateTime expiry = at.toLocalDate().atTime(DAILY_EXPIRY).atZone(IST);
        return expiry.isAfter(at) ? expiry.toInstant() : expiry.plusDays(1).toInstant();
    }
}
