package dev.tokentray.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program of the system to its end; tests put a recording one in its place. */
@FunctionalInterface
interface CommandRunner {

    /**
     * @return the program's exit code
     * @throws IOException when the program cannot be started or does not end in time
     */
    int run(List<String> command) throws IOException;

    /** Runs the program, waiting at most {@code timeout}; its output is not needed, only its exit code. */
    static CommandRunner bounded(Duration timeout) {
        return command -> {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(command.getFirst() + " did not end within " + timeout.toSeconds() + " s");
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(command.getFirst() + " was interrupted", e);
            }
        };
    }
}
