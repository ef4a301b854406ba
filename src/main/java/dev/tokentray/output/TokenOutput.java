package dev.tokentray.output;

import dev.tokentray.token.AccessToken;
import java.time.Duration;

/**
 * One place an account's token goes when it is new: a file, a hook command, Redis. The
 * {@link OutputDispatcher} calls it off the renewal's thread, one call at a time per output,
 * bounded by {@link #timeout()}, and retries a failed call with backoff.
 *
 * <p>An output that also records the login attempts, failed ones too (the PostgreSQL audit trail),
 * is an {@link AttemptOutput}.
 */
public interface TokenOutput {

    /** What and where, for the log and the trader: "the file /home/me/bot/.env". Never a secret. */
    String describe();

    /** The longest one call may take; past it the dispatcher reports it and interrupts it. */
    Duration timeout();

    /** How many calls one token gets in all, before the dispatcher gives up on it. */
    default int attempts() {
        return Integer.MAX_VALUE;
    }

    /** Hands the token over. */
    void deliver(NewToken token) throws OutputException, InterruptedException;

    /**
     * Whether this output lacks {@code token}, for a token this process did not just make (at
     * start, or one another process renewed): only then does it get it. An output that cannot
     * tell (a hook) says false, so that it runs only for a token this process's login made.
     */
    boolean isBehind(AccessToken token) throws OutputException, InterruptedException;

    /** Lets go of what it keeps open (a pool of connections): the output is no longer used. */
    default void close() {}
}
