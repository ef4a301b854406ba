package dev.tokentray.ui.status;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.LoginStep;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the status window and the tray say about a state, as text: a pure function of the
 * state, the time and the computer's zone, so that it is tested without a display.
 *
 * @param expiryLocal the expiry in the computer's own zone, when that is not IST
 * @param progress    "Step 3 of 6: verify the TOTP code" and its fraction, while a login runs
 * @param problem     what the trader should know or do: a stop, a failure, a locked keychain
 * @param browserLogin how the browser login is offered
 * @param approval    an approval request asked for by hand: waiting for the trader, or gone unanswered
 */
public record StatusView(
        Look look,
        String headline,
        String tooltip,
        String countdown,
        String expiry,
        Optional<String> expiryLocal,
        String user,
        String lastRenewal,
        String nextRenewal,
        Optional<String> maskedToken,
        Optional<Progress> progress,
        Optional<String> problem,
        String history,
        BrowserOffer browserLogin,
        Optional<String> approval) {

    /** How far a login has come. */
    public record Progress(String text, double fraction) {}

    /** Whether the browser login is offered, and how. */
    public enum BrowserOffer {
        /** No credentials to log in with, or no keychain to store the token in. */
        NONE,
        /** Beside Renew now, for a trader who prefers it. */
        OFFERED,
        /** The automatic login is blocked or changed and there is no valid token: the way to a token today. */
        URGED
    }

    static final int VISIBLE_TOKEN_CHARACTERS = 6;

    /** @param expiringWithin when a token counts as expiring: an hour, or a minute in demo mode */
    public static StatusView of(RenewalSnapshot state, HistoryStats stats, Instant now, ZoneId localZone,
            Duration expiringWithin) {
        Look look = Look.of(state, now, expiringWithin);
        Optional<AccessToken> token = state.token();
        Optional<Instant> expiry = token.map(AccessToken::expiresAt);
        Optional<Instant> revoked = token.flatMap(AccessToken::revokedAt);
        Optional<Progress> progress = state.loginStep().map(StatusView::progress);
        boolean tokenWorks = state.token().filter(t -> t.stateAt(now).usable()).isPresent();
        return new StatusView(
                look,
                look == Look.ATTENTION && tokenWorks ? Look.VALID_BUT_STOPPED : look.headline(),
                tooltip(state, look, now, progress),
                expiry.filter(now::isBefore).filter(e -> revoked.isEmpty())
                        .map(e -> TimeText.countdown(Duration.between(now, e))).orElse("--:--:--"),
                revoked.map(r -> "Revoked by Upstox at " + ist(r, now))
                        .or(() -> expiry.map(e -> (now.isBefore(e) ? "Valid until " : "Expired at ") + ist(e, now)))
                        .orElse("No token yet"),
                expiry.filter(e -> !sameClock(e, localZone)).map(e -> TimeText.near(e, now, localZone, zoneName(localZone))
                        + " in this computer's time zone"),
                token.map(t -> t.userName() + " (" + t.userId() + ")").orElse(""),
                state.lastRenewal().map(a -> a.trigger() == Trigger.REDIS ? "Last token from Redis " + ist(a.time(), now)
                        : "Last renewal " + ist(a.time(), now) + ", " + a.duration().toMillis() + " ms")
                        .orElse("No renewal yet"),
                nextRenewal(state.plan(), now),
                token.map(t -> t.value().masked(VISIBLE_TOKEN_CHARACTERS)),
                progress,
                problem(state),
                history(stats),
                browserOffer(state, look),
                approval(state, now));
    }

    /** The approval login's plan says it already, as the next renewal. */
    private static Optional<String> approval(RenewalSnapshot state, Instant now) {
        if (state.plan() instanceof Plan.AwaitApproval) {
            return Optional.empty();
        }
        return state.approval().map(request -> request.openAt(now)
                ? "Approve the request in the Upstox app or on WhatsApp; waiting until " + clock(request.expiresAt())
                : "The approval request expired at " + ist(request.expiresAt(), now) + " without a token: it was not"
                        + " approved, or no renewer received Upstox's webhook for it (`run --headless"
                        + " --notifier-listen`). Request approval… sends a new one.");
    }

    private static Progress progress(LoginStep step) {
        return new Progress("Step " + step.number() + " of " + LoginStep.count() + ": " + step.description(),
                (double) step.number() / LoginStep.count());
    }

    /** The tray's tooltip: short, since Windows cuts tooltips at 127 characters. */
    private static String tooltip(RenewalSnapshot state, Look look, Instant now, Optional<Progress> progress) {
        Optional<Instant> expiry = state.token().map(AccessToken::expiresAt);
        String text = switch (look) {
            case VALID -> "Upstox token valid until " + clock(expiry.orElseThrow()) + ", "
                    + TimeText.span(Duration.between(now, expiry.orElseThrow())) + " left";
            case EXPIRING -> "Upstox token expires at " + clock(expiry.orElseThrow()) + ", "
                    + TimeText.span(Duration.between(now, expiry.orElseThrow())) + " left";
            case EXPIRED -> state.token().flatMap(AccessToken::revokedAt).map(r -> "Upstox token revoked at " + clock(r))
                    .or(() -> expiry.map(e -> "Upstox token expired at " + clock(e))).orElse("No Upstox token yet")
                    + "; " + lowerFirst(nextRenewal(state.plan(), now));
            case RENEWING -> "Renewing the Upstox token: " + progress.map(Progress::text).orElse("");
            // The tray puts the app's name before it: no need to say it twice.
            case ATTENTION -> expiry.filter(now::isBefore).filter(e -> Look.renewalStopped(state))
                    .map(e -> "Upstox token valid until " + clock(e) + ", but automatic renewal stopped: open the window")
                    .orElse("Your attention is needed; open the window to see why");
        };
        return text.length() <= 127 ? text : text.substring(0, 126) + "…";
    }

    private static String nextRenewal(Plan plan, Instant now) {
        return switch (plan) {
            case Plan.RenewAt renew -> renew.at().isAfter(now) ? "Next renewal " + ist(renew.at(), now) : "Renewal due now";
            // After a browser login, the renewal says when the automatic login tries again.
            case Plan.WaitForExpiry wait -> wait.note().orElseGet(() -> "Next renewal " + ist(wait.renewAt(), now));
            case Plan.AwaitApproval wait -> now.isBefore(wait.expiresAt())
                    ? "Approve the request in the Upstox app or on WhatsApp, before " + ist(wait.expiresAt(), now)
                    : "The approval request went unanswered; the next goes " + ist(wait.nextRequest(), now);
            case Plan.Stopped stopped -> "Automatic renewal stopped";
            case Plan.Off off -> "Automatic renewal is off";
        };
    }

    private static Optional<String> problem(RenewalSnapshot state) {
        if (state.keychainProblem().isPresent()) {
            return state.keychainProblem();
        }
        if (state.plan() instanceof Plan.Stopped stopped) {
            return Optional.of(stopped.why());
        }
        Optional<String> failure = state.lastAttempt().filter(a -> !a.succeeded()).flatMap(Attempt::failure)
                .map(f -> "The last login failed: " + f.message());
        return failure.or(state::clockWarning);
    }

    private static BrowserOffer browserOffer(RenewalSnapshot state, Look look) {
        if (!state.credentialsStored() || state.keychainProblem().isPresent()) {
            return BrowserOffer.NONE;
        }
        return look == Look.ATTENTION && Look.automaticLoginBlocked(state) ? BrowserOffer.URGED : BrowserOffer.OFFERED;
    }

    private static String history(HistoryStats stats) {
        if (stats.attempts() == 0) {
            return "No logins in the last 90 days";
        }
        return String.format(Locale.ENGLISH, "%d login%s in 90 days, %.0f %% succeeded%s", stats.attempts(),
                stats.attempts() == 1 ? "" : "s", 100 * stats.successRate(),
                stats.medianLogin().map(m -> ", median " + m.toMillis() + " ms").orElse(""));
    }

    private static String lowerFirst(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String ist(Instant time, Instant now) {
        return TimeText.near(time, now, TokenExpiry.IST, "IST");
    }

    private static String clock(Instant time) {
        return String.format("%tR IST", time.atZone(TokenExpiry.IST));
    }

    private static boolean sameClock(Instant time, ZoneId zone) {
        return time.atZone(zone).toOffsetDateTime().getOffset().equals(time.atZone(TokenExpiry.IST).getOffset());
    }

    private static String zoneName(ZoneId zone) {
        return zone.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }
}
