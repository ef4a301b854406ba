package dev.tokentray.cli;

import dev.tokentray.token.TokenExpiry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the CLI prints them: in IST, Upstox's own zone, with the time left in words. */
final class TimeText {
    private static final DateTimeFormatter IST_TIME =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'IST'", Locale.ENGLISH).withZone(TokenExpiry.IST);

    private TimeText() {}

    static String ist(Instant time) {
        return IST_TIME.format(time);
    }

    /** ISO-8601 with IST's offset, for JSON. */
    static String iso(Instant time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(TokenExpiry.IST));
    }

    /** "17 h 12 min", "4 min", "under a minute". */
    static String span(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
