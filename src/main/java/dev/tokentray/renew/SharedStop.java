package dev.tokentray.renew;

import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import java.time.Instant;
import java.util.Objects;

/**
 * A rejection one machine met, as the others learn it: which value Upstox turned down (its
 * failure's field; none: the account is locked), never the value. Its fingerprints stay on the
 * machine that made them: each machine's fingerprint key is its own, and a key shared through
 * Redis would let anyone who reads Redis try every 6-digit PIN against the fingerprint in a
 * second. So another machine cannot tell whether its own values are the rejected ones: it takes
 * them for rejected ({@link RejectionStops#adopt}) until they change or the trader confirms a
 * retry of this rejection there.
 *
 * @param id      the id of the stop on the machine that met it, the same on every machine that adopts it
 * @param failure a {@link FailureKind#CREDENTIALS} failure
 */
public record SharedStop(String id, LoginFailure failure, Instant time) {
    public SharedStop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(time, "time");
        if (failure.kind() != FailureKind.CREDENTIALS) {
            throw new IllegalArgumentException("A shared stop is a rejection, not " + failure.kind());
        }
    }
}
