package dev.tokentray.renew;

import dev.tokentray.token.TokenExpiry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When the app asks Upstox whether the token still works (see {@link ValidityChecks}): at start,
 * after a wake and on demand, and every {@code every} within {@code hours} (IST) on weekdays, the
 * hours of the market, when a bot needs the token. {@code hours} of {@link LoginHours#ALWAYS}
 * means every day at any hour. Exchange holidays are not known to the app: on those it checks
 * as on any weekday.
 *
 * @param every how often; empty: no automatic checks at all, only on demand
 */
public record CheckSchedule(Optional<Duration> every, LoginHours hours) {
    /** The market's hours, 09:00 (pre-open) to 15:30 IST, every quarter of an hour. */
    public static final CheckSchedule DEFAULT =
            new CheckSchedule(Optional.of(Duration.ofMinutes(15)), new LoginHours(9 * 60, 15 * 60 + 30));
    private static final String OFF = "off";

    public CheckSchedule {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(hours, "hours");
        if (every.filter(interval -> interval.toMillis() < 1000).isPresent()) {
            throw new IllegalArgumentException("Checks come at most once a second, not every " + every.get());
        }
    }

    public boolean on() {
        return every.isPresent();
    }

    /** The periodic check after one at {@code now}; empty when checks are off. */
    public Optional<Instant> nextAfter(Instant now) {
        return every.map(interval -> {
            Instant next = now.plus(interval);
            if (hours.equals(LoginHours.ALWAYS)) {
                return next;
            }
            while (!(weekday(next) && hours.contains(next))) {
                next = weekday(next) ? hours.nextOpening(next) : startOfNextDay(next);
            }
            return next;
        });
    }

    /** {@code off}, or an ISO-8601 duration ({@code PT15M}), as the settings file keeps it. */
    public String everyText() {
        return every.map(Duration::toString).orElse(OFF);
    }

    /** Reads {@link #everyText()}'s form; {@code off} for none. */
    public static Optional<Duration> parseEvery(String text) {
        return text.strip().equalsIgnoreCase(OFF) ? Optional.empty() : Optional.of(Duration.parse(text.strip()));
    }

    private static boolean weekday(Instant time) {
        DayOfWeek day = time.atZone(TokenExpiry.IST).getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    private static Instant startOfNextDay(Instant time) {
        ZonedDateTime at = time.atZone(TokenExpiry.IST);
        return at.toLocalDate().plusDays(1).atStartOfDay(TokenExpiry.IST).toInstant();
    }
}
