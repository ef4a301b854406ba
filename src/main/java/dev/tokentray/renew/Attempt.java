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
 * @param duration            how long the login took, from its first request to its last answer
 * @param steps               how long each step took
 * @param failure             empty when it succeeded
 * @param tokenExpiresAt      the new token's expiry, when it succeeded
 * @param clockSkew           this machine's clock minus Upstox's, when an answer told
 * @param stopId              for a rejection: the id of the {@link dev.tokentray.vault.Stop} it made in
 *                            the keychain; empty when the stop could not be kept there (or the line
 *                            was written by an older version), so that the history alone stops the login
 */
public record Attempt(
        Instant time,
        String profile,
        Trigger trigger,
        Duration duration,
        List<StepTiming> steps,
        Optional<LoginFailure> failure,
        Optional<Instant> tokenExpiresAt,
        Optional<Duration> clockSkew,
        Optional<String> stopId) {

    public Attempt {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(duration, "duration");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(stopId, "stopId");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    public boolean failedWith(FailureKind kind) {
        return failure.filter(f -> f.kind() == kind).isPresent();
    }

    /** A rejection, or an unclear answer that counts as one: it stops the values it sent. */
    public boolean rejected() {
        return failedWith(FailureKind.CREDENTIALS);
    }
}
