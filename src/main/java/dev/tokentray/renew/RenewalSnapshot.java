package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Instant;
import java.util.Optional;

/**
 * What the renewal knows at a moment, for the tray, the window and {@code status} alike.
 *
 * @param token           the stored token (its {@code toString()} masks it)
 * @param plan            what the schedule does next
 * @param lastAttempt     the profile's last login attempt, from the history
 * @param lastRenewal     the profile's last successful login
 * @param credentialsStored whether the profile has credentials (a first start has none)
 * @param loginStep       the step a login is at, while one runs
 * @param keychainProblem why the keychain cannot be read now (locked, missing), in words
 * @param clockWarning    a warning that this computer's clock is off, from the last login
 * @param at              when this was true
 * @param approval        the last approval request, sent after the last token came (open, or gone unanswered)
 */
public record RenewalSnapshot(
        Profile profile,
        Optional<AccessToken> token,
        Plan plan,
        Optional<Attempt> lastAttempt,
        Optional<Attempt> lastRenewal,
        boolean credentialsStored,
        Optional<LoginStep> loginStep,
        Optional<String> keychainProblem,
        Optional<String> clockWarning,
        Instant at,
        Optional<PendingApproval> approval) {

    public RenewalSnapshot(Profile profile, Optional<AccessToken> token, Plan plan, Optional<Attempt> lastAttempt,
            Optional<Attempt> lastRenewal, boolean credentialsStored, Optional<LoginStep> loginStep,
            Optional<String> keychainProblem, Optional<String> clockWarning, Instant at) {
        this(profile, token, plan, lastAttempt, lastRenewal, credentialsStored, loginStep, keychainProblem, clockWarning,
                at, Optional.empty());
    }

    /** Before the first reading of the keychain. */
    static RenewalSnapshot unknown(Profile profile, Instant at) {
        return new RenewalSnapshot(profile, Optional.empty(), new Plan.Off(), Optional.empty(), Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), at);
    }

    public TokenState tokenState() {
        return TokenState.of(token, at);
    }

    /**
     * Upstox rejected the stored credentials (or may have), and the schedule stopped until they
     * change or the trader confirms a retry of this rejection: its id, to pass to the retry.
     */
    public Optional<String> rejectionId() {
        return plan instanceof Plan.Stopped stopped ? stopped.rejectionId() : Optional.empty();
    }

    public boolean credentialsRejected() {
        return rejectionId().isPresent();
    }

    public boolean renewing() {
        return loginStep.isPresent();
    }

    /** When the next automatic login is planned, if one is. */
    public Optional<Instant> nextRenewal() {
        return switch (plan) {
            case Plan.RenewAt renew -> Optional.of(renew.at());
            case Plan.WaitForExpiry wait -> Optional.of(wait.renewAt());
            case Plan.AwaitApproval approval -> Optional.of(approval.nextRequest());
            case Plan.Stopped stopped -> Optional.empty();
            case Plan.Off off -> Optional.empty();
        };
    }

    RenewalSnapshot withLoginStep(Optional<LoginStep> step) {
        return new RenewalSnapshot(
                profile, token, plan, lastAttempt, lastRenewal, credentialsStored, step, keychainProblem, clockWarning, at,
                approval);
    }

    RenewalSnapshot withClockWarning(Optional<String> warning) {
        return new RenewalSnapshot(
                profile, token, plan, lastAttempt, lastRenewal, credentialsStored, loginStep, keychainProblem, warning, at,
                approval);
    }

    RenewalSnapshot withKeychainProblem(String problem, Instant now) {
        return new RenewalSnapshot(
                profile, token, plan, lastAttempt, lastRenewal, credentialsStored, Optional.empty(), Optional.of(problem),
                clockWarning, now, approval);
    }
}
