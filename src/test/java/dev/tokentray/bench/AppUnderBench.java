package dev.tokentray.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The app the bench measures, started as a user starts it: {@code java -jar JAR ...} for a jar
 * (with the JDK the bench runs on), or the launcher itself for an installed app or an app-image
 * ({@code /opt/upstox-token-tray/bin/upstox-token-tray}). Extra JVM options (for the investigation)
 * go on the java command line for a jar, and through {@code JDK_JAVA_OPTIONS} for a launcher.
 * Every process started is killed when the bench ends, however it ends.
 */
final class AppUnderBench {
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AppUnderBench::killAll, "kill-started-apps"));
    }

    private final Path app;
    private final List<String> jvmOptions;
    private final Map<String, String> environment = new HashMap<>();
    private final Path outputs;

    AppUnderBench(Path app, List<String> jvmOptions, Path outputs) {
        this.app = app.toAbsolutePath();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.outputs = outputs;
    }

    /** The same app's environment, another app or other JVM options: a variant of a comparison. */
    AppUnderBench variant(Path otherApp, List<String> otherJvmOptions) {
        AppUnderBench variant = new AppUnderBench(otherApp, otherJvmOptions, outputs);
        variant.environment.putAll(environment);
        return variant;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    boolean isJar() {
        return app.getFileName().toString().endsWith(".jar");
    }

    Path path() {
        return app;
    }

    AppUnderBench set(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (isJar()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(app.toString());
        } else {
            command.add(app.toString());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Starts it and returns at once; stdout and stderr go to files (a full pipe would stall it). */
    Running start(String... args) throws IOException {
        String name = String.join(" ", args).isEmpty() ? "app" : String.join(" ", args);
        Path stdout = Files.createTempFile(outputs, "out-", ".txt");
        Path stderr = Files.createTempFile(outputs, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        if (!isJar() && !jvmOptions.isEmpty()) {
            builder.environment().put("JDK_JAVA_OPTIONS", String.join(" ", jvmOptions));
        }
        Instant spawnedAt = Instant.now();
        long spawnedNanos = System.nanoTime();
        Process process = builder.start();
        STARTED.add(process);
        process.getOutputStream().close();
        return new Running(name, process, spawnedAt, spawnedNanos, stdout, stderr);
    }

    /** Runs a command to its end, within {@code timeout}. */
    Finished run(Duration timeout, String... args) throws IOException, InterruptedException {
        try (Running running = start(args)) {
            return running.await(timeout);
        }
    }

    record Finished(int exitCode, long wallNanos, String stdout, String stderr) {
        Finished requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed with exit code " + exitCode + ": " + stderr.strip());
            }
            return this;
        }
    }

    /** A started process. */
    static final class Running implements AutoCloseable {
        private final String name;
        private final Process process;
        private final Instant spawnedAt;
        private final long spawnedNanos;
        private final Path stdout;
        private final Path stderr;

        private Running(String name, Process process, Instant spawnedAt, long spawnedNanos, Path stdout, Path stderr) {
            this.name = name;
            this.process = process;
            this.spawnedAt = spawnedAt;
            this.spawnedNanos = spawnedNanos;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        long pid() {
            return process.pid();
        }

        Instant spawnedAt() {
            return spawnedAt;
        }

        long spawnedNanos() {
            return spawnedNanos;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String stderr() throws IOException {
            return Files.readString(stderr);
        }

        Finished await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IOException("'" + name + "' did not end within " + timeout.toSeconds() + " s");
            }
            long wall = System.nanoTime() - spawnedNanos;
            return new Finished(process.exitValue(), wall, Files.readString(stdout), Files.readString(stderr));
        }

        /** SIGTERM, as a logout does; SIGKILL when it has not ended within 10 s. */
        void stop() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }

        private void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            try {
                if (process.isAlive()) {
                    stop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                STARTED.remove(process);
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        }
    }

    private static void killAll() {
        for (Process process : STARTED) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
