package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.StoredCredentials;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The renewal's state as it stands: the token and credentials from the keychain, the attempts
 * from the history, the plan from the policy. The service plans with it, and {@code status}
 * shows it, so both tell the same.
 */
public final class StateReader {
    private final ProfileVault vault;
    private final LoginHistory history;
    private final RenewalPolicy policy;
    private final Supplier<RenewalSettings> settings;
    private final PendingApprovals approvals;
    private final Clock clock;

    public StateReader(ProfileVault vault, LoginHistory history, RenewalPolicy policy, Supplier<RenewalSettings> settings,
            PendingApprovals approvals, Clock clock) {
        this.vault = vault;
        this.history = history;
        this.policy = policy;
        this.settings = settings;
        this.approvals = approvals;
        this.clock = clock;
    }

    public RenewalState read() throws KeychainException {
        Instant now = clock.instant();
        Optional<AccessToken> token = vault.token();
        Optional<StoredCredentials> credentials = vault.credentials();
        List<Attempt> attempts = history.attempts(vault.profile().name());
        RenewalSettings current = settings.get();
        List<Attempt> bearing = current.loginMethod() == LoginMethod.APPROVAL
                ? ApprovalLogin.bearingOnApproval(attempts) : attempts;
        Plan plan = credentials.isEmpty()
                ? new Plan.Stopped("No Upstox credentials are stored for profile '" + vault.profile()
                        + "'. Enter them in the setup window, or with `upstox-token-tray setup --from-env`.")
                : LoginMethodPlan.of(policy.plan(now, token, bearing, credentials.get().revision(), current), current,
                        approvals.of(vault.profile()), attempts, now);
        return new RenewalState(vault.profile(), token, plan,
                attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast()),
                attempts.reversed().stream().filter(Attempt::succeeded).findFirst(), credentials.isPresent(),
                Optional.empty(), Optional.empty(), Optional.empty(), now);
    }
}
