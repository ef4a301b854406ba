package dev.tokentray.upstox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A login that failed, classified. The message is the failure's message: no secret, ever. */
public final class LoginException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LoginFailure failure;
    private final transient List<StepTiming> timings;
    private final transient Optional<Duration> clockSkew;

    public LoginException(LoginFailure failure, List<StepTiming> timings, Optional<Duration> clockSkew) {
        super(failure.message());
        this.failure = failure;
        this.timings = List.copyOf(timings);
        this.clockSkew = clockSkew;
    }

    public LoginFailure failure() {
        return failure;
    }

    /** The steps that finished, and the one that failed, with their durations. */
    public List<StepTiming> timings() {
        return timings;
    }

    /** This machine's clock minus Upstox's, when an answer carried a {@code Date} header. */
    public Optional<Duration> clockSkew() {
        return clockSkew;
    }
}
