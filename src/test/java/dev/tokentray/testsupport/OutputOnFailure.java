package dev.tokentray.testsupport;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A failing test shows what the app processes it started ({@link AppProcess}) wrote on stdout and
 * stderr, attached to its failure: an app that died, or never showed its window, says why there.
 * Afterwards the output of the processes that have ended is deleted. Every test has it, through
 * JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public final class OutputOnFailure
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler, AfterEachCallback {

    /** The processes whose output is kept: tests run one at a time in a JVM. */
    static final Queue<AppProcess.Running> STARTED = new ConcurrentLinkedQueue<>();

    /** What one process wrote, as a suppressed exception of the failure: no stack of its own. */
    static final class AppOutput extends Exception {
        AppOutput(String report) {
            super(report, null, false, false);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withOutput(failure);
    }

    private static Throwable withOutput(Throwable failure) {
        for (AppProcess.Running running : STARTED) {
            try {
                failure.addSuppressed(new AppOutput(running.report()));
            } catch (IOException e) {
                failure.addSuppressed(new AppOutput("The output of a process is gone: " + e));
            }
        }
        return failure;
    }

    /** A process started for the whole class still runs, and keeps its output for the next test. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (AppProcess.Running running : STARTED) {
            if (!running.isAlive()) {
                running.deleteOutput();
                STARTED.remove(running);
            }
        }
    }
}
