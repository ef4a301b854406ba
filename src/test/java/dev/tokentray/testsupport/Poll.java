package dev.tokentray.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assertions;

/**
 * Waiting on a condition instead of sleeping a guessed time: {@link #until} returns as soon as
 * the condition holds and fails the test at the deadline; {@link #holdsFor} checks that a
 * condition stays true for a while, and fails as soon as it breaks.
 */
public final class Poll {
    private static final Duration EVERY = Duration.ofMillis(10);

    private Poll() {}

    /** Waits until {@code condition} holds; fails the test, naming {@code what}, after {@code within}. */
    public static void until(String what, Duration within, Callable<Boolean> condition) throws Exception {
        until(what, within, EVERY, condition);
    }

    /** As {@link #until(String, Duration, Callable)}, looking every {@code every}: finer for tests that act at once. */
    public static void until(String what, Duration within, Duration every, Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                Assertions.fail("Waited " + within.toMillis() + " ms for " + what + ", in vain");
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }

    /** True when {@code condition} held all through {@code duration}; false as soon as it does not. */
    public static boolean holdsFor(Duration duration, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.call()) {
                return false;
            }
            LockSupport.parkNanos(EVERY.toNanos());
        }
        return condition.call();
    }
}
