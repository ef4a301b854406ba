package dev.tokentray.ui;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Work on the FX thread from a test: waits for it, and what it throws comes out in the test. */
final class Fx {
    private static final long LIMIT_SECONDS = 30;

    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private Fx() {}

    static <T> T call(Work<T> work) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(work::call).get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static void run(Action action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }
}
