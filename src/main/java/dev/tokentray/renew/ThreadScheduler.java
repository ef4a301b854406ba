package dev.tokentray.renew;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The app's {@link Scheduler}: one virtual thread, a daemon, so that a pending renewal never keeps
 * the app alive. Virtual because it waits almost all day, once per account: a platform thread
 * would hold its stack for that. Its tasks block only where a virtual thread lets its carrier go
 * (HTTP, files, the login lock's polling, waiting for the keychain's own worker thread). A task
 * that throws goes to the thread's uncaught-exception handler (the app logs it and says so), and
 * the thread goes on with the next: a scheduled executor would keep the exception in a future
 * nobody reads, and the work would stop without a word.
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService executor;

    public ThreadScheduler() {
        this("renewal");
    }

    /** @param name the thread's name, e.g. {@code renewal-default} for one account's renewal */
    public ThreadScheduler(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name).factory());
    }

    /** After {@link #close()} a task is dropped: a plan made while the app quits has nothing left to do. */
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(() -> runReporting(task), Math.max(0, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            if (!executor.isShutdown()) {
                throw e;
            }
            return () -> { };
        }
    }

    private static void runReporting(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }

    /** Stops at once: a login in flight is interrupted, which leaves the stored token as it was. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
