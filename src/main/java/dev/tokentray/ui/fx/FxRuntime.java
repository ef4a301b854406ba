package dev.tokentray.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX, started when a window is first needed. The tray and the renewal run without it, so
 * that the app shows its tray icon fast and stays light while it sits in the tray. The toolkit
 * starts on a thread of its own, so that no caller (the renewal, AWT's event thread) waits for it;
 * tasks given meanwhile run, in order, once it is up. When it cannot start (no display), the
 * caller hears why, and the tasks are dropped.
 */
public final class FxRuntime implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(FxRuntime.class);
    /** A hung FX thread must not keep the app from quitting. */
    private static final Duration LAST_WORK_WAIT = Duration.ofSeconds(5);

    private enum Phase { IDLE, STARTING, RUNNING, FAILED }

    private final Consumer<Throwable> cannotStart;
    private final List<Runnable> waiting = new ArrayList<>();
    private Phase phase = Phase.IDLE;
    /** False when something else started JavaFX (a test harness): then it is not ours to end. */
    private boolean ours;

    /** @param cannotStart hears, on a thread of its own, why JavaFX could not start */
    public FxRuntime(Consumer<Throwable> cannotStart) {
        this.cannotStart = cannotStart;
    }

    /**
     * Runs the task on the FX thread, starting JavaFX first if it does not run yet.
     *
     * @throws IllegalStateException when JavaFX could not start
     */
    @Override
    public synchronized void execute(Runnable task) {
        switch (phase) {
            case FAILED -> throw new IllegalStateException("JavaFX could not start: no window can open");
            case RUNNING -> Platform.runLater(task);
            case STARTING -> waiting.add(task);
            case IDLE -> {
                phase = Phase.STARTING;
                waiting.add(task);
                Thread.ofPlatform().name("fx-startup").daemon().start(this::startToolkit);
            }
        }
    }

    private void startToolkit() {
        // Windows come and go; the app ends when the trader quits, not when the last window closes.
        Platform.setImplicitExit(false);
        GdkWithoutOpenGl.applyBeforeGtkStarts();
        try {
            Platform.startup(this::runWaiting);
            synchronized (this) {
                ours = true;
            }
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(this::runWaiting);
        } catch (RuntimeException | Error failure) { // "Unable to open DISPLAY", a missing GTK
            synchronized (this) {
                phase = Phase.FAILED;
                waiting.clear();
            }
            cannotStart.accept(failure);
        }
    }

    /** On the FX thread: what came while JavaFX started, before anything given later. */
    private void runWaiting() {
        List<Runnable> tasks;
        synchronized (this) {
            phase = Phase.RUNNING;
            tasks = List.copyOf(waiting);
            waiting.clear();
        }
        tasks.forEach(Runnable::run);
    }

    /** Whether window work has been asked for, so that there are windows to keep up to date. */
    public synchronized boolean started() {
        return phase == Phase.STARTING || phase == Phase.RUNNING;
    }

    /**
     * The JVM ends (SIGTERM): JavaFX's own shutdown hook ends it meanwhile, and work given to it
     * now would never run. From now on {@link #exitAfter} leaves JavaFX alone.
     */
    public synchronized void jvmEnding() {
        phase = Phase.FAILED;
        ours = false;
    }

    /**
     * Runs {@code last} on the FX thread when JavaFX runs, and waits for it (a few seconds at most),
     * then ends JavaFX if this started it.
     */
    public void exitAfter(Runnable last) {
        boolean running;
        synchronized (this) {
            running = phase == Phase.RUNNING;
        }
        if (running && Platform.isFxApplicationThread()) {
            last.run();
        } else if (running) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    last.run();
                } finally {
                    done.complete(null);
                }
            });
            try {
                done.get(LAST_WORK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("The windows' last work did not end within {} s", LAST_WORK_WAIT.toSeconds());
            }
        }
        boolean toEnd;
        synchronized (this) {
            toEnd = ours;
        }
        if (toEnd) {
            // Waits for JavaFX to end on its thread, which must meanwhile be free to call in here.
            Platform.exit();
            LOG.info("JavaFX ended");
        }
    }
}
