package dev.tokentray.cli;

import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.renew.Renewal;
import dev.tokentray.renew.ThreadScheduler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * A command's new token, handed to the profile's outputs (files, hooks, Redis) before the command
 * exits, so that a bot's file is fresh whoever renewed. Bounded: it waits at most as long as the
 * slowest output's call may take, retrying meanwhile; what failed is said on stderr, and does not
 * change the command's exit code (the token is in the keychain either way).
 */
final class HandOut {
    private static final HandOut NOTHING = new HandOut(Optional.empty(), null, null);

    private final Optional<OutputDispatcher> outputs;
    private final ThreadScheduler scheduler;
    private final PrintWriter err;

    private HandOut(Optional<OutputDispatcher> outputs, ThreadScheduler scheduler, PrintWriter err) {
        this.outputs = outputs;
        this.scheduler = scheduler;
        this.err = err;
    }

    /** Starts handing out the renewal's token, when its login made one (a stored token was handed out already). */
    static HandOut start(CliServices services, Renewal renewal, PrintWriter err) {
        if (renewal.login().isEmpty()) {
            return NOTHING;
        }
        ThreadScheduler scheduler = new ThreadScheduler();
        OutputDispatcher outputs = services.outputs(scheduler,
                failure -> err.println(failure.title() + ": " + failure.problem()));
        outputs.renewed(services.profile(), renewal.token(), renewal.login().get().trigger());
        return new HandOut(Optional.of(outputs), scheduler, err);
    }

    /** Waits for the outputs (bounded), then stops those still retrying. */
    void finish() throws InterruptedException {
        if (outputs.isEmpty()) {
            return;
        }
        OutputDispatcher dispatcher = outputs.get();
        Duration bound = dispatcher.longestCall();
        if (!dispatcher.awaitIdle(bound)) {
            err.println("Stopped retrying the outputs above after " + bound.toSeconds() + " s: they get the next"
                    + " token (`upstox-token-tray outputs list` shows them).");
        }
        dispatcher.close();
        scheduler.close();
    }
}
