package dev.tokentray.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows how the tray app says, in its log, that it is up: the tray shows the
 * first token state of every account. The app writes
 * {@code Ready: the tray shows the token state (VALID) of 5 accounts, 843 ms after the process started}
 * (older builds, with one account, without "of N accounts"), the figure measured by the app itself
 * from its process start. An app without that line (older
 * builds) is read by its renewal service's first plan line instead, which comes once the keychain
 * was read (the tray icon was added before the keychain read began); the time is then the line's
 * timestamp, and {@link Ready#appMillis()} is empty.
 */
public final class ReadyLine {
    /** {@code 2026-11-21 23:54:01.116 Z} at the start of each line (see platform/Logging). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS XXX");
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+) ");
    private static final Pattern READY = Pattern.compile(
            "Ready: the tray shows the token state \\((\\w+)\\)(?: of (\\d+) accounts?)?,? (-?\\d+) ms after the process started");
    /** RenewalSchedule's first word on a profile: a valid token, a planned login, or no automatic login. */
    private static final Pattern FIRST_PLAN = Pattern.compile(
            "RenewalSchedule - (Token of profile '[^']*' valid until"
                    + "|Next login of profile '[^']*' at"
                    + "|Automatic renewal of profile '[^']*' (?:stopped|is off))");

    /**
     * @param loggedAt  the line's timestamp
     * @param state     the state the app names (VALID, EXPIRING, ...; the worst of the accounts'), or what the
 *                  fallback line implies
 * @param accounts  how many accounts' states the tray shows; empty when the line does not say (one account)
     * @param appMillis the app's own figure from its process start; empty for the fallback line, and
     *                  when the app could not tell its start (it then writes -1)
     * @param exact     whether this is the app's own Ready line (not the fallback)
     * @param line      the whole line, for the report
     */
    public record Ready(Instant loggedAt, String state, OptionalInt accounts, OptionalLong appMillis, boolean exact,
            String line) {}

    private ReadyLine() {}

    /**
     * The ready line in {@code log} (text the app wrote since it started): the app's own, else, unless
     * {@code exactOnly}, the fallback line. An app that writes its own line writes the fallback line
     * first, so the bench learns in its warm-up run which kind the app writes and then asks for that.
     */
    public static Optional<Ready> find(String log, boolean exactOnly) {
        Optional<Ready> fallback = Optional.empty();
        for (String line : log.split("\n")) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                long millis = Long.parseLong(ready.group(3));
                OptionalInt accounts = ready.group(2) == null ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(ready.group(2)));
                return Optional.of(new Ready(stamp(line), ready.group(1), accounts,
                        millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis), true, line.strip()));
            }
            Matcher plan = FIRST_PLAN.matcher(line);
            if (!exactOnly && fallback.isEmpty() && plan.find()) {
                String what = plan.group(1);
                String state = what.startsWith("Token") ? "VALID or EXPIRING" : what.startsWith("Next") ? "MISSING or EXPIRED"
                        : "STOPPED";
                fallback = Optional.of(new Ready(stamp(line), state, OptionalInt.empty(), OptionalLong.empty(), false,
                        line.strip()));
            }
        }
        return fallback;
    }

    static Instant stamp(String line) {
        Matcher stamp = STAMP.matcher(line);
        if (!stamp.find()) {
            throw new IllegalArgumentException("A log line without a timestamp: " + line);
        }
        try {
            return OffsetDateTime.parse(stamp.group(1), TIMESTAMP).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("A log line with an unreadable timestamp: " + line, e);
        }
    }
}
