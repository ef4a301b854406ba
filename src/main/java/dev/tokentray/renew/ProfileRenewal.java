package dev.tokentray.renew;

import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The renewal parts of one profile, wired the same way for the tray app, the CLI and the
 * headless renewer: they share the history and the login lock in the state folder.
 */
public record ProfileRenewal(Renewer renewer, StateReader reader, LoginHistory history, ChangeMarks changes,
        Supplier<RenewalSettings> settings, Clock clock) {

    /**
     * @param vault a vault over {@code new ChangeMarks(stateFolder).observing(keychain)}, so that the
     *              other processes hear of its changes
     */
    public static ProfileRenewal of(ProfileVault vault, UpstoxLoginClient client, Path stateFolder,
            Supplier<RenewalSettings> settings, Clock clock) {
        ChangeMarks changes = new ChangeMarks(stateFolder);
        LoginHistory history = new LoginHistory(stateFolder.resolve("history.jsonl"), clock, changes::mark);
        RenewalPolicy policy = new RenewalPolicy();
        LoginLock lock = new LoginLock(stateFolder.resolve("locks"), LoginLock.DEFAULT_WAIT);
        RejectionStops stops = new RejectionStops(vault.stops(), lock, clock);
        return new ProfileRenewal(new Renewer(vault, client, history, lock, policy, stops, settings, clock),
                new StateReader(vault, history, policy, stops, settings, clock), history, changes, settings, clock);
    }

    /**
     * The service that keeps this profile's token valid, on {@code scheduler}; it watches for other
     * processes' changes on a daemon thread of its own.
     */
    public RenewalService service(Scheduler scheduler, LongSupplier monotonicNanos) {
        return new RenewalService(renewer, reader, history, changes, settings, scheduler, clock, monotonicNanos,
                Thread.ofPlatform().name("changes-" + renewer.vault().profile()).daemon().factory());
    }
}
