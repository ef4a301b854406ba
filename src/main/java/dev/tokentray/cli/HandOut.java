package dev.tokentray.cli;

import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Renewal;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.token.AccessToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

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
        Attempt login = renewal.login().get();
        return start(services, err, outputs -> {
            outputs.attempted(services.profile(), login, Optional.of(renewal.token().userId()));
            outputs.renewed(services.profile(), renewal.token(), login.trigger());
        });
    }

    /**
     * Starts handing out a token the command found in the keychain rather than made (the approval
     * login's, which the webhook may have brought to another process): the outputs that lack it get it.
     */
    static HandOut found(CliServices services, AccessToken token, PrintWriter err) {
        return start(services, err, outputs -> outputs.seen(services.profile(), token));
    }

    private static HandOut start(CliServices services, PrintWriter err, Consumer<OutputDispatcher> handOut) {
        ThreadScheduler scheduler = new ThreadScheduler();
        OutputDispatcher outputs = services.outputs(scheduler,
                failure -> err.println(failure.title() + ": " + failure.problem()));
        handOut.accept(outputs);
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
