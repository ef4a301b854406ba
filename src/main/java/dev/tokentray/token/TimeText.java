package dev.tokentray.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Times as the app words them, for the CLI and the window alike: in IST, Upstox's own zone. */
public final class TimeText {
    private static final DateTimeFormatter IST_TIME =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'IST'", Locale.ENGLISH).withZone(TokenExpiry.IST);

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private TimeText() {}

    public static String ist(Instant time) {
        return IST_TIME.format(time);
    }

    /** ISO-8601 with IST's offset, for JSON. */
    public static String iso(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(TokenExpiry.IST));
    }

    /**
     * A time near now, in a zone, as a person says it: "03:30 tomorrow", "10:17 today",
     * "09:00 Sun 22 Nov"; {@code zoneName} follows the time ("03:30 IST tomorrow").
     */
    public static String near(Instant time, Instant now, ZoneId zone, String zoneName) {
        LocalDate day = time.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), day);
        String when = days == 0 ? "today" : days == 1 ? "tomorrow" : days == -1 ? "yesterday" : DAY.format(day);
        return HOUR_MINUTE.format(time.atZone(zone)) + " " + zoneName + " " + when;
    }

    /** A countdown, "17:12:05"; hours past 99 keep growing. */
    public static String countdown(Duration left) {
        long seconds = Math.max(0, left.toSeconds());
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    /** "17 h 12 min", "4 min", "under a minute". */
    public static String span(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
