package dev.tokentray.cli;

import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.token.AccessToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * What a command hands the profile's outputs (files, hooks, Redis, PostgreSQL): its new token, so
 * that a bot's file is fresh whoever renewed, and each of its login attempts, failed or not, for the
 * audit trail. The outputs open at the first thing handed out. Bounded: {@link #finish} waits at
 * most as long as the slowest output's call may take, retrying meanwhile; what failed is said on
 * stderr, and does not change the command's exit code (the token is in the keychain either way).
 */
final class HandOut {
    private final CliServices services;
    private final PrintWriter err;
    private OutputDispatcher outputs; // guarded by this; opened at the first use
    private ThreadScheduler scheduler; // guarded by this
    private boolean finished; // guarded by this

    HandOut(CliServices services, PrintWriter err) {
        this.services = services;
        this.err = err;
    }

    /** The renewal's token, when its login made one (a stored token was handed out already); its attempt came by {@link #attempted}. */
    HandOut renewed(FetchedToken renewal) {
        renewal.login().ifPresent(login -> outputs().ifPresent(
                outputs -> outputs.renewed(services.profile(), renewal.token(), login.trigger())));
        return this;
    }

    /**
     * A token the command found in the keychain rather than made (the approval login's, which the
     * webhook may have brought to another process): the outputs that lack it get it.
     */
    HandOut found(AccessToken token) {
        outputs().ifPresent(outputs -> outputs.seen(services.profile(), token));
        return this;
    }

    /** A login attempt of the command, as the history recorded it. */
    void attempted(Attempt attempt, Optional<String> userId) {
        outputs().ifPresent(outputs -> outputs.attempted(services.profile(), attempt, userId));
    }

    /** Empty once finished: what comes later (a late webhook) waits for the next command. */
    private synchronized Optional<OutputDispatcher> outputs() {
        if (finished) {
            return Optional.empty();
        }
        if (outputs == null) {
            scheduler = new ThreadScheduler("outputs");
            outputs = services.outputs(scheduler, failure -> err.println(failure.title() + ": " + failure.problem()));
        }
        return Optional.of(outputs);
    }

    /** Waits for the outputs (bounded), then stops those still retrying; the first call alone waits. */
    void finish() throws InterruptedException {
        OutputDispatcher dispatcher;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            dispatcher = outputs;
        }
        if (dispatcher == null) {
            return;
        }
        Duration bound = dispatcher.longestCall();
        if (!dispatcher.awaitIdle(bound)) {
            err.println("Stopped retrying the outputs above after " + bound.toSeconds() + " s: they get the next"
                    + " token (`upstox-token-tray outputs list` shows them).");
        }
        dispatcher.close();
        scheduler.close();
    }
}
