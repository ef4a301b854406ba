package dev.tokentray.renew;

import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The renewal parts of one profile, wired the same way for the tray app, the CLI and the
 * headless renewer: they share the history, the login lock and the pending approval requests in
 * the state folder.
 */
public record ProfileRenewal(Renewer renewer, StateReader reader, LoginHistory history, RenewalPolicy policy,
        Supplier<RenewalSettings> settings, Clock clock, ApprovalLogin approval, ValidityCheck validity) {

    public static ProfileRenewal of(ProfileVault vault, UpstoxLoginClient client, Path stateFolder,
            Supplier<RenewalSettings> settings, Clock clock) {
        LoginHistory history = new LoginHistory(stateFolder.resolve("history.jsonl"), clock);
        RenewalPolicy policy = new RenewalPolicy();
        LoginLock lock = new LoginLock(stateFolder.resolve("locks"), LoginLock.DEFAULT_WAIT);
        PendingApprovals approvals = new PendingApprovals(stateFolder.resolve("approvals"));
        return new ProfileRenewal(new Renewer(vault, client, history, lock, policy, settings, clock),
                new StateReader(vault, history, policy, settings, approvals, clock), history, policy, settings, clock,
                new ApprovalLogin(vault, client, history, lock, policy, approvals, settings, clock),
                new ValidityCheck(vault, client.tokenCheck(), lock, clock));
    }

    /** The service that keeps this profile's token valid, on {@code scheduler}. */
    public RenewalService service(Scheduler scheduler, LongSupplier monotonicNanos) {
        return new RenewalService(renewer, reader, history, policy, settings, scheduler, clock, monotonicNanos,
                approval, validity);
    }
}
