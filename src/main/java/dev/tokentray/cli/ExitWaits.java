package dev.tokentray.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a run waits for before its process exits, whether its command worked or failed: the
 * outputs its command handed something (a failed login's attempt among them), each wait bounded.
 */
final class ExitWaits {
    @FunctionalInterface
    interface Wait {
        void await() throws InterruptedException;
    }

    private final List<Wait> waits = new CopyOnWriteArrayList<>();

    void add(Wait wait) {
        waits.add(wait);
    }

    /** Waits for each in turn; an interrupt ends the waiting, and is kept. */
    void awaitAll() {
        try {
            for (Wait wait : waits) {
                wait.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
