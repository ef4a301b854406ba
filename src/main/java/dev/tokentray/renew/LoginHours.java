package dev.tokentray.renew;

import dev.tokentray.token.TokenExpiry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hours of the day (IST) in which automatic logins happen. Upstox's login service is reported
 * to be unavailable in the night (00:00-05:30 IST), and a token made then dies at 03:30 anyway.
 * A window may wrap past midnight ({@code 22:00-02:00}); {@link #ALWAYS} is for tests and demos.
 *
 * @param opens  minute of the day it opens, 0-1439
 * @param closes minute of the day it closes, 1-1440 (24:00)
 */
public record LoginHours(int opens, int closes) {
    private static final int DAY = 24 * 60;
    private static final Pattern TEXT = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");

    public static final LoginHours DEFAULT = new LoginHours(5 * 60 + 30, DAY);
    public static final LoginHours ALWAYS = new LoginHours(0, DAY);

    public LoginHours {
        if (opens < 0 || opens >= DAY || closes < 1 || closes > DAY || opens == closes) {
            throw new IllegalArgumentException("A login window is HH:MM-HH:MM between 00:00 and 24:00, not empty");
        }
    }

    /** {@code always}, or {@code HH:MM-HH:MM} in IST. */
    public static LoginHours parse(String text) {
        if (text.strip().equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("A login window looks like 05:30-24:00 (IST) or 'always'; got '" + text + "'");
        }
        return new LoginHours(minutes(matcher.group(1), matcher.group(2)), minutes(matcher.group(3), matcher.group(4)));
    }

    private static int minutes(String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (m > 59 || h > 24 || (h == 24 && m > 0)) {
            throw new IllegalArgumentException(hours + ":" + minutes + " is not a time of day");
        }
        return h * 60 + m;
    }

    public boolean contains(Instant time) {
        int minute = minuteOfDay(time);
        return opens < closes ? minute >= opens && minute < closes : minute >= opens || minute < closes;
    }

    /** {@code time} itself when the window is open then, else the moment it next opens. */
    public Instant nextOpening(Instant time) {
        if (contains(time)) {
            return time;
        }
        ZonedDateTime at = time.atZone(TokenExpiry.IST);
        LocalDate day = at.toLocalDate();
        ZonedDateTime opening = day.atStartOfDay(TokenExpiry.IST).plusMinutes(opens);
        return (opening.isAfter(at) ? opening : opening.plusDays(1)).toInstant();
    }

    private static int minuteOfDay(Instant time) {
        ZonedDateTime at = time.atZone(TokenExpiry.IST);
        return at.getHour() * 60 + at.getMinute();
    }

    @Override
    public String toString() {
        return equals(ALWAYS) ? "always" : String.format("%02d:%02d-%02d:%02d", opens / 60, opens % 60, closes / 60, closes % 60);
    }
}
