package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
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
 * attempts and the settings.
 *
 * <p>Upstox tokens die at 03:30 IST whatever their age, so renewing early buys nothing: a usable
 * token is never renewed automatically. A missing or dead one is renewed at once inside the
 * login window, else when it opens. After a failure: network faults back off (30 s doubling to
 * 15 min, with jitter), a rate limit waits at least what Upstox asked, a bot wall or a changed
 * login waits for the next day, and rejected credentials stop everything until they change or
 * the trader confirms a retry: five wrong PINs or TOTPs lock the account.
 *
 * <p>A browser login ({@link Trigger#BROWSER}) sends no PIN or TOTP of the app's, so it says
 * nothing about whether the automatic login works: it neither clears a stop nor sets one, and no
 * stop refuses it. Its token counts like any other: the schedule waits for it to expire, and a
 * bot wall or a changed login waits no longer than that, so that the automatic login tries again
 * the next day. Rejected credentials stay stopped: a browser login does not make them right.
 */
public final class RenewalPolicy {
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'IST' (d MMM)", Locale.ENGLISH).withZone(TokenExpiry.IST);

    /**
     * The schedule's next step. Rejected credentials stop it even while the token lasts, so that
     * the trader hears before the token dies that nothing will replace it.
     */
    public Plan plan(Instant now, Optional<AccessToken> token, List<Attempt> attempts, String revision,
            RenewalSettings settings) {
        if (!settings.automatic()) {
            return new Plan.Off();
        }
        List<Attempt> relevant = relevant(attempts, revision);
        Optional<Attempt> last = lastOf(relevant);
        Optional<AccessToken> usable = token.filter(t -> t.stateAt(now).usable());
        if (last.filter(a -> a.failedWith(FailureKind.CREDENTIALS)).isPresent()) {
            return stopped(last.get(), usable.filter(t -> fromBrowser(t, attempts)));
        }
        LoginWindow window = settings.loginWindow();
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
            case CREDENTIALS -> stopped(failed, Optional.empty());
            case RATE_LIMITED -> new Plan.RenewAt(latest(window.nextOpening(now), waitEnds(failed)));
            case TRANSIENT -> new Plan.RenewAt(latest(window.nextOpening(now),
                    failed.time().plus(backoff(trailingTransientFailures(relevant), failed.time()))));
            case BLOCKED, PROTOCOL_CHANGED -> new Plan.RenewAt(automaticResumes(failed, attempts, window));
        };
    }

    /**
     * Why a login asked for now must not happen, or empty when it may. Rejected credentials hold
     * for every trigger until they change, unless the trader confirmed a retry by hand; a wait
     * Upstox asked for holds for all; a bot wall or a changed login holds the schedule and
     * scripts until the next day, but not the trader. None holds a browser login: the trader logs
     * in on Upstox's own page, with nothing of the app's that could lock the account.
     */
    public Optional<Refusal> refusal(Trigger trigger, boolean retryConfirmed, Instant now, List<Attempt> attempts,
            String revision, RenewalSettings settings) {
        Optional<Attempt> last = lastOf(relevant(attempts, revision)).filter(a -> !a.succeeded());
        if (last.isEmpty() || trigger == Trigger.BROWSER) {
            return Optional.empty();
        }
        Attempt failed = last.get();
        FailureKind kind = failed.failure().orElseThrow().kind();
        Instant resumes = automaticResumes(failed, attempts, settings.loginWindow());
        boolean refused = switch (kind) {
            case CREDENTIALS -> !(trigger == Trigger.MANUAL && retryConfirmed);
            case RATE_LIMITED -> now.isBefore(waitEnds(failed));
            case BLOCKED, PROTOCOL_CHANGED -> trigger != Trigger.MANUAL && now.isBefore(resumes);
            case TRANSIENT -> false;
        };
        if (!refused) {
            return Optional.empty();
        }
        String then = switch (kind) {
            case CREDENTIALS -> " Until the credentials change, the app makes no login with them.";
            case RATE_LIMITED -> " Upstox asked to wait until " + TIME.format(waitEnds(failed)) + ".";
            default -> " The app tries again at " + TIME.format(resumes) + "; a renewal by hand, or a login with the"
                    + " browser, tries now.";
        };
        return Optional.of(new Refusal(kind, lastFailure(failed) + then));
    }

    /** True from the ready-by time of the day on, while there is no usable token. */
    public boolean notReady(Instant now, Optional<AccessToken> token, RenewalSettings settings) {
        return !now.isBefore(readyByToday(now, settings)) && token.filter(t -> t.stateAt(now).usable()).isEmpty();
    }

    /** Today's ready-by time (IST). */
    public Instant readyByToday(Instant now, RenewalSettings settings) {
        return now.atZone(TokenExpiry.IST).toLocalDate().atTime(settings.readyBy()).atZone(TokenExpiry.IST).toInstant();
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

    /**
     * The attempts that bear on the automatic login with credentials of this revision: all but the
     * browser logins, and the rejections of other credentials (older ones, or ones the trader
     * tested and did not save). A wait Upstox asked for, a bot wall or a network fault bears on
     * every login, whatever credentials it used.
     */
    private static List<Attempt> relevant(List<Attempt> attempts, String revision) {
        return attempts.stream()
                .filter(a -> a.trigger() != Trigger.BROWSER)
                .filter(a -> !a.failedWith(FailureKind.CREDENTIALS) || a.credentialsRevision().equals(revision))
                .toList();
    }

    /** True when {@code token} is the one the last successful login, a browser login, brought. */
    private static boolean fromBrowser(AccessToken token, List<Attempt> attempts) {
        return attempts.reversed().stream().filter(Attempt::succeeded).findFirst()
                .filter(a -> a.trigger() == Trigger.BROWSER)
                .flatMap(Attempt::tokenExpiresAt).filter(token.expiresAt()::equals).isPresent();
    }

    /**
     * The rejection's own message says to correct the credentials and that the app will not retry
     * them; a token from the browser login since keeps the trader going meanwhile, and they hear so.
     */
    private static Plan stopped(Attempt rejected, Optional<AccessToken> browserToken) {
        return new Plan.Stopped(lastFailure(rejected) + browserToken.map(t -> " Logged in with the browser: the token"
                + " is valid until " + TIME.format(t.expiresAt()) + ", but the automatic login stays stopped until the"
                + " credentials are corrected.").orElse(""), true);
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
    private static Instant automaticResumes(Attempt failed, List<Attempt> attempts, LoginWindow window) {
        Instant nextDay = nextDay(failed.time(), window);
        return attempts.stream()
                .filter(a -> a.trigger() == Trigger.BROWSER && a.time().isAfter(failed.time()))
                .flatMap(a -> a.tokenExpiresAt().stream())
                .map(window::nextOpening)
                .reduce(nextDay, RenewalPolicy::earliest);
    }

    /** The window's first opening on the day after {@code time} (IST). */
    private static Instant nextDay(Instant time, LoginWindow window) {
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
