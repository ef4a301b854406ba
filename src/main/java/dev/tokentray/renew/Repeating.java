package dev.tokentray.renew;

import java.time.Duration;

/** A task run every period by a {@link Scheduler} ({@link Scheduler#every}), until cancelled. */
final class Repeating implements Scheduler.Cancellable {
    private final Scheduler scheduler;
    private final Duration period;
    private final Runnable task;
    private boolean cancelled; // guarded by this, as next is
    private Scheduler.Cancellable next = () -> {};

    Repeating(Scheduler scheduler, Duration period, Runnable task) {
        this.scheduler = scheduler;
        this.period = period;
        this.task = task;
    }

    synchronized Repeating arm() {
        if (!cancelled) {
            next = scheduler.schedule(period, this::run);
        }
        return this;
    }

    private void run() {
        arm();
        task.run();
    }

    /** A run under way finishes; none starts after. */
    @Override
    public synchronized void cancel() {
        cancelled = true;
        next.cancel();
    }
}
