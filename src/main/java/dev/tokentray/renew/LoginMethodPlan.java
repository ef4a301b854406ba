package dev.tokentray.renew;

import dev.tokentray.token.TokenExpiry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schedule's plan as an account's login method makes it, from the policy's: the TOTP login
 * follows the policy as it is; the browser login waits for the trader, so the schedule stops; the
 * approval login sends one request where the policy says to log in, and then waits for it, not
 * sending another by itself on the same day (or before a new token came): an unanswered prompt
 * is the trader's answer, and the phone is not prompted over and over.
 */
final class LoginMethodPlan {
    private LoginMethodPlan() {}

    static Plan of(Plan policyPlan, RenewalSettings settings, Optional<PendingApproval> lastRequest,
            List<Attempt> attempts, Instant now) {
        return switch (settings.loginMethod()) {
            case TOTP -> policyPlan;
            case BROWSER -> policyPlan instanceof Plan.RenewAt || policyPlan instanceof Plan.WaitForExpiry
                    ? new Plan.Stopped("The login method is the browser: nothing logs in by itself. Log in with the"
                            + " browser (the tray, the window, or `upstox-token-tray login --browser`) when the token"
                            + " ends.")
                    : policyPlan;
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
