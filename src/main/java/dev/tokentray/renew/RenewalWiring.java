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
 * the state folder, and the accounts of one app share a {@link LoginTurnstile}.
 */
public record RenewalWiring(TokenFetcher renewer, StateReader reader, LoginHistory history, ChangeMarks changes,
        Supplier<RenewalSettings> settings, Clock clock, ApprovalLogin approval, ValidityCheck validity) {

    /** A profile on its own, as a command renews it. */
    public static RenewalWiring of(ProfileVault vault, UpstoxLoginClient client, Path stateFolder,
            Supplier<RenewalSettings> settings, Clock clock) {
        return of(vault, client, stateFolder, settings, clock, LoginTurnstile.alone());
    }

    /**
     * One of an app's accounts, whose logins pass through {@code turnstile} with the others'.
     *
     * @param vault a vault over {@code new ChangeMarks(stateFolder).observing(keychain)}, so that the
     *              other processes hear of its changes
     */
    public static RenewalWiring of(ProfileVault vault, UpstoxLoginClient client, Path stateFolder,
            Supplier<RenewalSettings> settings, Clock clock, LoginTurnstile turnstile) {
        return of(vault, client, stateFolder, settings, clock, turnstile, LoginCoordination.ALONE);
    }

    /** @param coordination the other machines that renew the same account ({@link SharedLogin}) */
    public static RenewalWiring of(ProfileVault vault, UpstoxLoginClient client, Path stateFolder,
            Supplier<RenewalSettings> settings, Clock clock, LoginTurnstile turnstile,
            LoginCoordination coordination) {
        ChangeMarks changes = new ChangeMarks(stateFolder);
        LoginHistory history = new LoginHistory(stateFolder.resolve("history.jsonl"), clock, changes::mark);
        RenewalPolicy policy = new RenewalPolicy();
        LoginLock lock = new LoginLock(stateFolder.resolve("locks"), LoginLock.DEFAULT_WAIT);
        RejectionStops stops = new RejectionStops(vault.stops(), lock, clock);
        PendingApprovals approvals = new PendingApprovals(stateFolder.resolve("approvals"), changes::mark);
        TokenFetcher renewer = new TokenFetcher(vault, client, history, lock, policy, stops, settings, clock, turnstile,
                coordination);
        return new RenewalWiring(renewer, new StateReader(vault, history, policy, stops, settings, approvals, clock),
                history, changes, settings, clock, new ApprovalLogin(renewer, client, history, approvals, clock),
                new ValidityCheck(vault, client.tokenCheck(), lock, clock));
    }

    /**
     * The service that keeps this profile's token valid, on {@code scheduler}; it hears of other
     * processes' changes from the one watch of the state folder this process keeps.
     */
    public RenewalSchedule service(Scheduler scheduler, LongSupplier monotonicNanos) {
        return new RenewalSchedule(renewer, reader, history, changes, settings, scheduler, clock, monotonicNanos,
                approval, validity);
    }
}
