package dev.tokentray.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * JavaFX, started when a window is first needed. The tray and the renewal run without it, so
 * that the app shows its tray icon fast and stays light while it sits in the tray. The toolkit
 * starts on a thread of its own, so that no caller (the renewal, AWT's event thread) waits for it;
 * tasks given meanwhile run, in order, once it is up.
 */
public final class FxRuntime implements Executor {
    private enum Phase { IDLE, STARTING, RUNNING }

    private final List<Runnable> waiting = new ArrayList<>();
    private Phase phase = Phase.IDLE;
    /** False when something else started JavaFX (a test harness): then it is not ours to end. */
    private boolean ours;

    /** Runs the task on the FX thread, starting JavaFX first if it does not run yet. */
    @Override
    public synchronized void execute(Runnable task) {
        switch (phase) {
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
        return phase != Phase.IDLE;
    }

    /** Ends JavaFX if this started it. */
    public synchronized void exit() {
        if (ours) {
            Platform.exit();
        }
    }
}
