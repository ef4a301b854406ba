package dev.tokentray.renew;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Logins of different accounts one at a time, a few seconds apart, never in parallel: the
 * renewers of one app (the tray app, the headless renewer) pass through the one turnstile they
 * share, in the order they came (a fair lock), and each waits until {@link #GAP} has passed since
 * the login before it ended. Upstox then sees one login after another, as from a person, however
 * many accounts expire at 03:30; a slow or failing login of one account only delays the others.
 */
public final class LoginTurnstile {
    /** Between the end of one account's login and the start of the next. */
    public static final Duration GAP = Duration.ofSeconds(3);

    /** Waits; {@code Thread::sleep} in the app. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /** A login's turn: closing it lets the next login in, {@link #GAP} later. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantLock turn = new ReentrantLock(true);
    private final Duration gap;
    private final LongSupplier monotonicNanos;
    private final Pause pause;
    private long lastEnded; // guarded by turn
    private boolean passed; // guarded by turn: a login went through before

    public LoginTurnstile(Duration gap, LongSupplier monotonicNanos, Pause pause) {
        this.gap = gap;
        this.monotonicNanos = monotonicNanos;
        this.pause = pause;
    }

    /** The turnstile of an app's accounts: {@link #GAP} apart, on this machine's clock. */
    public static LoginTurnstile shared() {
        return new LoginTurnstile(GAP, System::nanoTime, Thread::sleep);
    }

    /** For one account alone (a command): no other login to keep apart from. */
    public static LoginTurnstile alone() {
        return new LoginTurnstile(Duration.ZERO, System::nanoTime, duration -> {});
    }

    /**
     * Waits until it is this login's turn and the gap after the one before has passed; the login
     * runs while the returned turn is open, and ends with it (failed or not).
     */
    public Turn enter() throws InterruptedException {
        turn.lockInterruptibly();
        try {
            if (passed) {
                long wait = lastEnded + gap.toNanos() - monotonicNanos.getAsLong();
                if (wait > 0) {
                    pause.pause(Duration.ofNanos(wait));
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            leave();
            throw e;
        }
        return this::leave;
    }

    private void leave() {
        lastEnded = monotonicNanos.getAsLong();
        passed = true;
        turn.unlock();
    }
}
