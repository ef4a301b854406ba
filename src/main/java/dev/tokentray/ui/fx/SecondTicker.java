package dev.tokentray.ui.fx;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javafx.stage.Window;

/**
 * Runs a task at the start of each second of the clock, only while a window shows: live codes and
 * countdowns change together with the clock on the wall, and a hidden window costs nothing. FX
 * thread; the wait between seconds is an {@link FxDelay}, which keeps JavaFX's pulse asleep.
 */
public final class SecondTicker {
    private final Clock clock;
    private final Runnable tick;
    private FxDelay next;

    public SecondTicker(Clock clock, Runnable tick) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tick = Objects.requireNonNull(tick, "tick");
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
        if (next == null) {
            onSecond();
        }
    }

    public void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void onSecond() {
        tick.run();
        long millisLeft = 1000 - clock.instant().getNano() / 1_000_000;
        // Just past the second's start.
        next = FxDelay.after(Duration.ofMillis(Math.max(20, millisLeft + 10)), this::onSecond);
    }
}
