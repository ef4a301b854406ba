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
    private final Clock clock;

    public StateReader(ProfileVault vault, LoginHistory history, RenewalPolicy policy, Supplier<RenewalSettings> settings,
            Clock clock) {
        this.vault = vault;
        this.history = history;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    public RenewalState read() throws KeychainException {
        Instant now = clock.instant();
        Optional<AccessToken> token = vault.token();
        Optional<StoredCredentials> credentials = vault.credentials();
        List<Attempt> attempts = history.attempts(vault.profile().name());
        Plan plan = credentials.isEmpty()
                ? new Plan.Stopped("No Upstox credentials are stored for profile '" + vault.profile()
                        + "'. Enter them in the setup window, or with `upstox-token-tray setup --from-env`.")
                : policy.plan(now, token, attempts, credentials.get().revision(), settings.get());
        return new RenewalState(vault.profile(), token, plan,
                attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast()),
                attempts.reversed().stream().filter(Attempt::succeeded).findFirst(), credentials.isPresent(),
                Optional.empty(), Optional.empty(), Optional.empty(), now);
    }
}
