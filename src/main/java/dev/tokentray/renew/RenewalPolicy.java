package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.vault.Stop;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * When to log in, and when not to: a pure function of the time, the token, the profile's past
 * attempts, the stop that holds for the current values, and the settings.
 *
 * <p>Upstox tokens die at 03:30 IST whatever their age, so renewing early buys nothing: a usable
 * token is never renewed automatically. A missing or dead one is renewed at once inside the
 * login window, else when it opens. After a failure: network faults back off (30 s doubling to
 * 15 min, with jitter), a rate limit waits at least what Upstox asked, a bot wall or a changed
 * login waits for the next day, and rejected values stop everything until they change or the
 * trader confirms a retry of that very rejection: five wrong PINs or TOTPs lock the account.
 *
 * <p>A rejection stops through its {@link Stop} in the keychain, which knows the rejected values.
 * One whose stop could not be kept there (its attempt has no stop id) stops through the history
 * instead, for the stored values, until the trader confirms: the app cannot tell whether they changed.
 *
 * <p>A browser login ({@link Trigger#BROWSER}) sends no PIN or TOTP of the app's, so it says
 * nothing about whether the automatic login works: it neither clears a stop nor sets one, and no
 * stop refuses it. Its token counts like any other: the schedule waits for it to expire, and a
 * bot wall or a changed login waits no longer than that, so that the automatic login tries again
 * the next day. Rejected values stay stopped: a browser login does not make them right.
 */
public final class RenewalPolicy {
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'IST' (d MMM)", Locale.ENGLISH).withZone(TokenExpiry.IST);

    /**
     * The schedule's next step. A stop holds it even while the token lasts, so that the trader
     * hears before the token dies that nothing will replace it.
     *
     * @param stop the stop that holds for the stored values, if one does
     */
    public Plan plan(Instant now, Optional<AccessToken> token, List<Attempt> attempts, Optional<Stop> stop,
            RenewalSettings settings) {
        if (!settings.automatic()) {
            return new Plan.Off();
        }
        List<Attempt> relevant = relevant(attempts);
        Optional<Attempt> last = lastOf(relevant);
        Optional<AccessToken> usable = token.filter(t -> t.stateAt(now).usable());
        Optional<Plan.Stopped> stopped = stopped(stop, last, usable.filter(t -> fromBrowser(t, attempts)));
        if (stopped.isPresent()) {
            return stopped.get();
        }
        LoginHours window = settings.loginWindow();
        if (usable.isPresent()) {
            Instant expiry = usable.get().expiresAt();
            Instant renewAt = window.nextOpening(expiry);
            return new Plan.WaitForExpiry(expiry, renewAt, fromBrowser(usable.get(), attempts)
                    ? Optional.of("Logged in with the browser; the automatic login tries again at " + TIME.format(renewAt) + ".")
                    : Optional.empty());
        }
        if (last.isEmpty() || last.get().succeeded()) {
            return new Plan.RenewAt(window.nextOpening(now));
        }
        Attempt failed = last.get();
        return switch (failed.failure().orElseThrow().kind()) {
            // Its stop no longer holds: the values changed since, or a retry was confirmed.
            case CREDENTIALS -> new Plan.RenewAt(window.nextOpening(now));
            case RATE_LIMITED -> new Plan.RenewAt(latest(window.nextOpening(now), waitEnds(failed)));
            case TRANSIENT -> new Plan.RenewAt(latest(window.nextOpening(now),
                    failed.time().plus(backoff(trailingTransientFailures(relevant), failed.time()))));
            case BLOCKED, PROTOCOL_CHANGED -> new Plan.RenewAt(automaticResumes(failed, attempts, window));
        };
    }

    /**
     * Why a login asked for now must not happen, or empty when it may. A stop holds for every
     * trigger, unless the trader confirmed a retry of that very rejection by hand ({@code
     * confirmed}, its id): a confirmation given for a rejection that another retry has since
     * replaced does not count. A wait Upstox asked for holds for all; a bot wall or a changed
     * login holds the schedule and scripts until the next day, but not the trader. None holds a
     * browser login: the trader logs in on Upstox's own page, with nothing of the app's that could
     * lock the account.
     */
    public Optional<Refusal> refusal(Trigger trigger, Optional<String> confirmed, Instant now, List<Attempt> attempts,
            Optional<Stop> stop, RenewalSettings settings) {
        if (trigger == Trigger.BROWSER) {
            return Optional.empty();
        }
        Optional<Attempt> last = lastOf(relevant(attempts));
        Optional<Plan.Stopped> stopped = stopped(stop, last, Optional.empty());
        if (stopped.isPresent()) {
            String id = stopped.get().rejectionId().orElseThrow();
            if (trigger == Trigger.MANUAL && confirmed.filter(id::equals).isPresent()) {
                return Optional.empty();
            }
            String then = confirmed.isPresent() && trigger == Trigger.MANUAL
                    ? " The retry you confirmed was for an earlier rejection, and another retry has been rejected"
                            + " since: the app sent nothing."
                    : " Until the credentials change, the app makes no login with them.";
            return Optional.of(new Refusal(FailureKind.CREDENTIALS, stopped.get().why() + then, Optional.of(id)));
        }
        Optional<Attempt> failed = last.filter(a -> !a.succeeded() && !a.rejected());
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        FailureKind kind = failed.get().failure().orElseThrow().kind();
        Instant resumes = automaticResumes(failed.get(), attempts, settings.loginWindow());
        boolean refused = switch (kind) {
            case RATE_LIMITED -> now.isBefore(waitEnds(failed.get()));
            case BLOCKED, PROTOCOL_CHANGED -> trigger != Trigger.MANUAL && now.isBefore(resumes);
            case TRANSIENT, CREDENTIALS -> false;
        };
        if (!refused) {
            return Optional.empty();
        }
        String then = kind == FailureKind.RATE_LIMITED
                ? " Upstox asked to wait until " + TIME.format(waitEnds(failed.get())) + "."
                : " The app tries again at " + TIME.format(resumes) + "; a renewal by hand, or a login with the"
                        + " browser, tries now.";
        return Optional.of(new Refusal(kind, lastFailure(failed.get()) + then));
    }

    /** The id of the rejection that stops the stored values, if one does ({@link Plan.Stopped#rejectionId()}). */
    public Optional<String> holdingRejection(List<Attempt> attempts, Optional<Stop> stop) {
        return stopped(stop, lastOf(relevant(attempts)), Optional.empty()).flatMap(Plan.Stopped::rejectionId);
    }

    /**
     * The attempts that bear on a login with values other than the stored ones: a rejection of
     * the stored values that could not be kept as a stop says nothing about others.
     */
    static List<Attempt> forOtherValues(List<Attempt> attempts) {
        return attempts.stream().filter(a -> !unsaved(a)).toList();
    }

    /**
     * The stop that holds, as a plan: the one in the keychain, else a rejection whose stop could
     * not be kept there (the last attempt with the stored values, as far as the history can tell).
     */
    private static Optional<Plan.Stopped> stopped(Optional<Stop> stop, Optional<Attempt> last,
            Optional<AccessToken> browserToken) {
        String meanwhile = browserToken.map(t -> " Logged in with the browser: the token is valid until "
                + TIME.format(t.expiresAt()) + ", but the automatic login stays stopped until the credentials are"
                + " corrected.").orElse("");
        if (stop.isPresent()) {
            return Optional.of(new Plan.Stopped("A login at " + TIME.format(stop.get().time()) + " failed: "
                    + stop.get().message() + meanwhile, Optional.of(stop.get().id())));
        }
        return last.filter(RenewalPolicy::unsaved).map(rejected -> new Plan.Stopped(lastFailure(rejected)
                + " The app could not keep this in the keychain, so it cannot tell whether the credentials changed"
                + " since: it makes no login with them until you confirm a retry." + meanwhile,
                Optional.of(unsavedId(rejected))));
    }

    /** A rejection recorded without its stop: the keychain failed then, or an older version wrote it. */
    private static boolean unsaved(Attempt attempt) {
        return attempt.rejected() && attempt.stopId().isEmpty();
    }

    /** The id a confirmation of an {@linkplain #unsaved unsaved} rejection names: its time, the same in every process. */
    static String unsavedId(Attempt rejected) {
        return "history-" + rejected.time().toEpochMilli();
    }

    /**
     * The wait before retry {@code n} (1 for the first): 30 s doubling to 15 min, times a jitter
     * of 0.8-1.2 drawn from the failure's time, so that every process and every re-planning
     * agrees on it, while many machines failing at once spread out.
     */
    static Duration backoff(int n, Instant failedAt) {
        long base = FIRST_RETRY.toMillis() << Math.min(n - 1, 20);
        double jitter = 0.8 + 0.4 * new SplittableRandom(failedAt.toEpochMilli()).nextDouble();
        return Duration.ofMillis((long) (Math.min(base, LONGEST_RETRY.toMillis()) * jitter));
    }

    private static int trailingTransientFailures(List<Attempt> attempts) {
        int count = 0;
        for (int i = attempts.size() - 1; i >= 0 && attempts.get(i).failedWith(FailureKind.TRANSIENT); i--) {
            count++;
        }
        return count;
    }

    /** The attempts that bear on the automatic login: all but the browser logins. */
    private static List<Attempt> relevant(List<Attempt> attempts) {
        return attempts.stream().filter(a -> a.trigger() != Trigger.BROWSER).toList();
    }

    /** True when {@code token} is the one the last successful login, a browser login, brought. */
    private static boolean fromBrowser(AccessToken token, List<Attempt> attempts) {
        return attempts.reversed().stream().filter(Attempt::succeeded).findFirst()
                .filter(a -> a.trigger() == Trigger.BROWSER)
                .flatMap(Attempt::tokenExpiresAt).filter(token.expiresAt()::equals).isPresent();
    }

    private static String lastFailure(Attempt failed) {
        return "The last login, at " + TIME.format(failed.time()) + ", failed: " + failed.failure().orElseThrow().message();
    }

    private static Instant waitEnds(Attempt failed) {
        return failed.time().plus(failed.failure().orElseThrow().retryAfter().orElse(Duration.ZERO));
    }

    /**
     * When a bot wall or a changed login lets the automatic login try again: the next day, and no
     * later than the window's opening after the expiry of a token a browser login got since.
     */
    private static Instant automaticResumes(Attempt failed, List<Attempt> attempts, LoginHours window) {
        Instant nextDay = nextDay(failed.time(), window);
        return attempts.stream()
                .filter(a -> a.trigger() == Trigger.BROWSER && a.time().isAfter(failed.time()))
                .flatMap(a -> a.tokenExpiresAt().stream())
                .map(window::nextOpening)
                .reduce(nextDay, RenewalPolicy::earliest);
    }

    /** The window's first opening on the day after {@code time} (IST). */
    private static Instant nextDay(Instant time, LoginHours window) {
        ZonedDateTime tomorrow = time.atZone(TokenExpiry.IST).toLocalDate().plusDays(1).atStartOfDay(TokenExpiry.IST);
        return window.nextOpening(tomorrow.toInstant());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Optional<Attempt> lastOf(List<Attempt> attempts) {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }
}
