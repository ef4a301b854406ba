package dev.tokentray.ui.fx;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Runs a task on the FX thread after a delay, waited for by one sleeping thread: a platform thread,
 * unlike the app's other waiting threads, as it wakes each second while a window shows a countdown,
 * and a virtual thread's wake-up goes through the pool of carrier threads (the open window's CPU
 * rose from 2.0 to 2.2 % of a core in the bench with a virtual one). Not a JavaFX
 * animation (a PauseTransition or a Timeline): while any of those runs, JavaFX runs its pulse 60
 * times a second, which kept an open window at ~2.5 % of a core for one update a second.
 */
public final class FxDelay {
    private static final ScheduledExecutorService WAKER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fx-delay").daemon().factory());

    private final ScheduledFuture<?> wait;
    private volatile boolean cancelled;

    private FxDelay(Duration delay, Runnable task) {
        wait = WAKER.schedule(() -> Platform.runLater(() -> {
            if (!cancelled) {
                task.run();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static FxDelay after(Duration delay, Runnable task) {
        return new FxDelay(delay, task);
    }

    /** The task will not run, even when its time came and it waits for the FX thread already. */
    public void cancel() {
        cancelled = true;
        wait.cancel(false);
    }
}
