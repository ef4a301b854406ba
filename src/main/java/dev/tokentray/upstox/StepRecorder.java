package dev.tokentray.upstox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the listener of each step as it starts, and keeps how long each one took, for the log and the history. */
final class StepRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(StepRecorder.class);

    @FunctionalInterface
    interface StepBody<R> {
        R run() throws StepFailedException, InterruptedException;
    }

    private final LoginListener listener;
    private final Clock clock;
    private final List<StepTiming> timings = new ArrayList<>();

    StepRecorder(LoginListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    <R> R step(LoginStep step, StepBody<R> body) throws StepFailedException, InterruptedException {
        listener.stepStarted(step);
        Instant start = clock.instant();
        try {
            return body.run();
        } finally {
            Duration took = Duration.between(start, clock.instant());
            timings.add(new StepTiming(step, took));
            LOG.info("{} took {} ms", step, took.toMillis());
        }
    }

    /** The steps that ran so far, the failed one included. */
    List<StepTiming> timings() {
        return List.copyOf(timings);
    }
}
