package dev.tokentray.renew;

import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether to raise the urgent "no valid token at the ready-by time" alert: a pure function of the
 * time, the state and the settings. Only once the ready-by time has passed without a usable
 * token, and only when that is news: a login failed today, none can happen (renewal stopped or
 * off), or the planned one has not brought a token within a few minutes of the ready-by time or
 * of its own start. A login about to succeed raises nothing.
 */
final class ReadyBy {
    /** Long enough for a login that starts on time, with its retries of a passing fault. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private ReadyBy() {}

    /** What to do about the ready-by time now. */
    sealed interface Verdict {
        /** Raise the alert: {@code why} says what happened, with every time as "19:26 IST". */
        record Alert(Instant readyBy, String why) implements Verdict {}

        /** Nothing yet; judge again at {@code at}. */
        record JudgeAgainAt(Instant at) implements Verdict {}

        /** The token is usable: nothing to watch. */
        record Ready() implements Verdict {}
    }

    static Verdict judge(Instant now, RenewalSnapshot state, RenewalSettings settings) {
        if (state.token().filter(t -> t.stateAt(now).usable()).isPresent()) {
            return new Verdict.Ready();
        }
        Instant readyBy = today(now, settings);
        if (now.isBefore(readyBy)) {
            return new Verdict.JudgeAgainAt(readyBy);
        }
        Optional<String> cannot = switch (state.plan()) {
            case Plan.Stopped stopped -> Optional.of(stopped.why());
            case Plan.Off off -> Optional.of("Automatic renewal is off; renew by hand.");
            case Plan.AwaitApproval wait -> Optional.of("The approval request sent at " + clock(wait.requestedAt(), now)
                    + " is not approved; approve it in the Upstox app or on WhatsApp, or send a new one.");
            default -> Optional.empty();
        };
        if (cannot.isPresent()) {
            return new Verdict.Alert(readyBy, cannot.get());
        }
        Optional<Instant> planned = state.nextRenewal();
        String next = planned.map(at -> " The next login is planned for " + clock(at, now) + ".").orElse("");
        Optional<Attempt> failedToday = state.lastAttempt()
                .filter(a -> !a.succeeded() && day(a.time()).equals(day(now)));
        if (failedToday.isPresent()) {
            return new Verdict.Alert(readyBy, "The last login, at " + clock(failedToday.get().time(), now) + ", failed: "
                    + failedToday.get().failure().orElseThrow().message() + next);
        }
        Instant due = latest(readyBy, planned.orElse(readyBy)).plus(GRACE);
        if (now.isBefore(due)) {
            return new Verdict.JudgeAgainAt(due);
        }
        return new Verdict.Alert(readyBy, planned.map(at -> "The login planned for " + clock(at, now)
                + " has not brought a token yet.").orElse("No login has brought a token yet."));
    }

    /** Today's ready-by time (IST). */
    static Instant today(Instant now, RenewalSettings settings) {
        return day(now).atTime(settings.readyBy()).atZone(TokenExpiry.IST).toInstant();
    }

    static LocalDate day(Instant time) {
        return time.atZone(TokenExpiry.IST).toLocalDate();
    }

    private static String clock(Instant time, Instant now) {
        return TimeText.near(time, now, TokenExpiry.IST, "IST");
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
