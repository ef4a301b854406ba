package dev.tokentray.renew;

import java.time.Duration;

/**
 * Runs tasks later, one at a time, on the renewal's own thread. Delays run on the monotonic
 * clock, as the JDK's do: they stand still while the machine sleeps. The app's scheduler is a
 * daemon thread ({@link ThreadScheduler}); tests advance a virtual one by hand.
 */
public interface Scheduler {

    /** Runs {@code task} after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code period}, the first time one period from now. The next run is
     * planned before each run starts, so that one run's exception does not end the others.
     */
    default Cancellable every(Duration period, Runnable task) {
        return new Repeating(this, period, task).arm();
    }

    /** A task that is planned and not yet run. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
