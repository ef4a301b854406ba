package dev.tokentray.renew;

import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schedule's plan as an account's login method makes it, from the policy's: the TOTP login
 * follows the policy as it is; the browser login waits for the trader, so the schedule stops once
 * the token is gone (a stop of the policy's, a rejection's, stays as it is); the
 * approval login sends one request where the policy says to log in, and then waits for it, not
 * sending another by itself on the same day (or before a new token came): an unanswered prompt
 * is the trader's answer, and the phone is not prompted over and over.
 */
final class LoginMethodPlan {
    private static final String BROWSER_LOGIN =
            "Log in with the browser (the tray, the window, or `upstox-token-tray login --browser`)";

    private LoginMethodPlan() {}

    static Plan of(Plan policyPlan, RenewalSettings settings, Optional<PendingApproval> lastRequest,
            List<Attempt> attempts, Instant now) {
        return switch (settings.loginMethod()) {
            case TOTP -> policyPlan;
            // While the token lasts, renewal is not stopped but by hand: no alarm until it ends.
            case BROWSER -> switch (policyPlan) {
                case Plan.RenewAt renew -> new Plan.Stopped("The login method is the browser: nothing logs in by"
                        + " itself. " + BROWSER_LOGIN + ".");
                case Plan.WaitForExpiry wait -> new Plan.WaitForExpiry(wait.until(), wait.until(), Optional.of(
                        "The login method is the browser: nothing logs in by itself. " + BROWSER_LOGIN + " when the"
                                + " token ends, at " + TimeText.ist(wait.until()) + "."));
                default -> policyPlan;
            };
            case APPROVAL -> policyPlan instanceof Plan.RenewAt
                    ? lastRequest.filter(request -> sentSince(request, attempts, now))
                            .<Plan>map(request -> new Plan.AwaitApproval(request.requestedAt(), request.expiresAt(),
                                    settings.loginWindow().nextOpening(startOfNextDay(now))))
                            .orElse(policyPlan)
                    : policyPlan;
        };
    }

    /** Sent today, and after the last token came: the one request the schedule sends for this need. */
    private static boolean sentSince(PendingApproval request, List<Attempt> attempts, Instant now) {
        Instant today = now.atZone(TokenExpiry.IST).toLocalDate().atStartOfDay(TokenExpiry.IST).toInstant();
        Instant lastToken = attempts.reversed().stream().filter(Attempt::succeeded).findFirst()
                .map(a -> a.time().plus(a.duration())).orElse(Instant.MIN);
        return !request.requestedAt().isBefore(today) && request.requestedAt().isAfter(lastToken);
    }

    private static Instant startOfNextDay(Instant now) {
        return now.atZone(TokenExpiry.IST).toLocalDate().plusDays(1).atStartOfDay(TokenExpiry.IST).toInstant();
    }
}
