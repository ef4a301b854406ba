package dev.tokentray.renew;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The app's {@link Scheduler}: one daemon thread, so that a pending renewal never keeps the app alive. */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor;

    public ThreadScheduler() {
        this("renewal");
    }

    /** @param name the thread's name, e.g. {@code renewal-default} for one account's renewal */
    public ThreadScheduler(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** Stops at once: a login in flight is interrupted, which leaves the stored token as it was. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
