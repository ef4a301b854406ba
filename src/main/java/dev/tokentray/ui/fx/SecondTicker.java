package dev.tokentray.ui.fx;

import java.time.Clock;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Runs a task at the start of each second of the clock, only while a window shows: live codes and
 * countdowns change together with the clock on the wall, and a hidden window costs nothing. FX thread.
 */
public final class SecondTicker {
    private final Clock clock;
    private final Runnable tick;
    private final PauseTransition pause = new PauseTransition();
    private boolean running;

    public SecondTicker(Clock clock, Runnable tick) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tick = Objects.requireNonNull(tick, "tick");
        pause.setOnFinished(event -> {
            if (running) {
                tick.run();
                schedule();
            }
        });
    }

    /** Ticks while the window shows (and once at once when it appears). */
    public SecondTicker whileShowing(Window window) {
        window.showingProperty().addListener((observable, was, showing) -> {
            if (showing) {
                start();
            } else {
                stop();
            }
        });
        if (window.isShowing()) {
            start();
        }
        return this;
    }

    public void start() {
        if (!running) {
            running = true;
            tick.run();
            schedule();
        }
    }

    public void stop() {
        running = false;
        pause.stop();
    }

    private void schedule() {
        long millisLeft = 1000 - clock.instant().getNano() / 1_000_000;
        pause.setDuration(Duration.millis(Math.max(20, millisLeft + 10))); // just past the second's start
        pause.playFromStart();
    }
}
