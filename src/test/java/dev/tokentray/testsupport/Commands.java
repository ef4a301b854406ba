package dev.tokentray.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a program of the test machine and waits for it a bounded time. */
public final class Commands {

    /** How a program ended: its exit code and what it printed on stdout (stderr goes to the test's output). */
    public record Result(int exitCode, String stdout) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private Commands() {}

    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, new ProcessBuilder(command));
    }

    /**
     * @throws IOException when the program is not installed, or did not end within {@code timeout}
     *     (it is then killed)
     */
    public static Result run(Duration timeout, ProcessBuilder command) throws IOException, InterruptedException {
        // stdout goes to a file rather than a pipe: reading a pipe would block on a hung program,
        // before the timeout could be checked.
        Path stdout = Files.createTempFile("command-", ".out");
        try {
            Process process = command.redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process.getOutputStream().close(); // nothing to read: a program that asks must not wait
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.command() + " did not end within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(stdout));
        } finally {
            Files.delete(stdout);
        }
    }
}
