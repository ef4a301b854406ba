package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.upstox.UpstoxCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The renewal's state as it stands: the token and credentials from the keychain, the stop that
 * holds for the credentials (for the approval login, one of the API key or secret), the attempts
 * from the history, the plan from the policy as the login method makes it. The service
 * plans with it, and {@code status} shows it, so both tell the same.
 */
public final class StateReader {
    private final ProfileVault vault;
    private final LoginHistory history;
    private final RenewalPolicy policy;
    private final RejectionStops stops;
    private final Supplier<RenewalSettings> settings;
    private final PendingApprovals approvals;
    private final Clock clock;

    public StateReader(ProfileVault vault, LoginHistory history, RenewalPolicy policy, RejectionStops stops,
            Supplier<RenewalSettings> settings, PendingApprovals approvals, Clock clock) {
        this.vault = vault;
        this.history = history;
        this.policy = policy;
        this.stops = stops;
        this.settings = settings;
        this.approvals = approvals;
        this.clock = clock;
    }

    public RenewalSnapshot read() throws KeychainException {
        Instant now = clock.instant();
        Optional<AccessToken> token = vault.token();
        Optional<UpstoxCredentials> credentials = vault.credentials();
        List<Attempt> attempts = history.attempts(vault.profile().name());
        RenewalSettings current = settings.get();
        boolean approval = current.loginMethod() == LoginMethod.APPROVAL;
        Plan plan = credentials.isEmpty()
                ? new Plan.Stopped("No Upstox credentials are stored for profile '" + vault.profile() + "'.")
                : LoginMethodPlan.of(policy.plan(now, token,
                        approval ? ApprovalLogin.bearingOnApproval(attempts) : attempts,
                        approval ? stops.holding(credentials.get(), ApprovalLogin.SENT) : stops.holding(credentials.get()),
                        current), current, approvals.of(vault.profile()), attempts, now);
        if (plan instanceof Plan.RenewAt || plan instanceof Plan.WaitForExpiry) {
            // Without a history, failures would go unrecorded and their backoff with them.
            plan = history.problem().<Plan>map(Plan.Stopped::new).orElse(plan);
        }
        Optional<Attempt> lastRenewal = attempts.reversed().stream().filter(Attempt::succeeded).findFirst();
        // A request the token came for, or one older than the token, is answered: nothing to show of it.
        Optional<PendingApproval> lastRequest = approvals.of(vault.profile()).filter(request -> lastRenewal
                .map(a -> request.requestedAt().isAfter(a.time().plus(a.duration()))).orElse(true));
        return new RenewalSnapshot(vault.profile(), token, plan,
                attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast()), lastRenewal,
                credentials.isPresent(), Optional.empty(), Optional.empty(), Optional.empty(), now, lastRequest);
    }
}
