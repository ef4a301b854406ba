package dev.tokentray.renew;

import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.StepTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One login attempt, as the history keeps it: never a secret, only what happened.
 *
 * @param credentialsRevision the revision of the credentials it used, so that a rejection holds
 *                            only until they change
 * @param duration            how long the login took, from its first request to its last answer
 * @param steps               how long each step took
 * @param failure             empty when it succeeded
 * @param tokenExpiresAt      the new token's expiry, when it succeeded
 * @param clockSkew           this machine's clock minus Upstox's, when an answer told
 */
public record Attempt(
        Instant time,
        String profile,
        Trigger trigger,
        String credentialsRevision,
        Duration duration,
        List<StepTiming> steps,
        Optional<LoginFailure> failure,
        Optional<Instant> tokenExpiresAt,
        Optional<Duration> clockSkew) {

    public Attempt {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(credentialsRevision, "credentialsRevision");
        Objects.requireNonNull(duration, "duration");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    public boolean failedWith(FailureKind kind) {
        return failure.filter(f -> f.kind() == kind).isPresent();
    }
}
