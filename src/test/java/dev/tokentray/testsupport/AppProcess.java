package dev.tokentray.testsupport;

import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.vault.KeychainService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app run as a user runs it: {@code java -jar target/upstox-token-tray.jar ...}.
 * {@link #run} waits for the command; {@link #start} leaves it running, for a test that runs two
 * at once, kills one mid-login or stops the headless renewer. Its keychain entries go under the
 * tests' own service name ({@link TestKeychain}). What each process wrote is kept until its test
 * ends, and a failing test shows it ({@link OutputOnFailure}).
 */
public final class AppProcess {
    public record Result(int exitCode, String stdout, String stderr) {}

    /** How a process ended when a signal ended it: 128 + the signal's number, as a shell reports it. */
    public static final int KILLED = 128 + 9;
    public static final int TERMINATED = 128 + 15;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Map<String, String> variables = new HashMap<>();
    private final List<String> removed = new ArrayList<>();

    /** A process with its own home and XDG folders under {@code home}. */
    public AppProcess(Path home) {
        this.home = home;
        variables.put("HOME", home.toString());
        variables.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        variables.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
        variables.put(KeychainService.VARIABLE, TestKeychain.SERVICE);
    }

    public AppProcess set(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public AppProcess set(Map<String, String> more) {
        variables.putAll(more);
        return this;
    }

    /** Leaves these variables of the test's own environment out (DISPLAY, for a start without a display). */
    public AppProcess without(String... names) {
        removed.addAll(List.of(names));
        return this;
    }

    /** Points the app at the simulator, with the simulator's account as the UPSTOX_* variables (`setup --from-env`). */
    public AppProcess against(UpstoxSimulator simulator) {
        variables.put(UpstoxHosts.API_VARIABLE, simulator.baseUri().toString());
        variables.put(UpstoxHosts.SERVICE_VARIABLE, simulator.baseUri().toString());
        return withAccount(simulator.account().credentials());
    }

    /** The account's login as the UPSTOX_* variables, for the next `setup --from-env`. */
    public AppProcess withAccount(UpstoxCredentials credentials) {
        credentials.toFields().forEach((field, value) -> variables.put(field.environmentVariable(), value));
        return this;
    }

    /** Runs the command to its end (at most a minute). */
    public Result run(String... args) throws IOException, InterruptedException {
        try (Running running = start(args)) {
            return running.await();
        }
    }

    /** Starts the command and returns at once; closing the handle kills the process if it still runs. */
    public Running start(String... args) throws IOException {
        Running running = startTyping(args);
        running.process.getOutputStream().close();
        return running;
    }

    /** Like {@link #start}, with stdin open for {@link Running#type}, as in a terminal. */
    public Running startTyping(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        // Files rather than pipes: a test reads the output while the process runs, and a full
        // pipe would stall a process that nobody reads.
        Path stdout = Files.createTempFile("app-", ".out");
        Path stderr = Files.createTempFile("app-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .directory(home.toFile());
        builder.environment().putAll(variables);
        builder.environment().keySet().removeAll(removed);
        Process process = builder.start();
        Running running = new Running(String.join(" ", args), process, stdout, stderr);
        OutputOnFailure.STARTED.add(running);
        return running;
    }

    /** A started command. */
    public static final class Running implements AutoCloseable {
        private final String name;
        private final Process process;
        private final Path stdout;
        private final Path stderr;

        private Running(String name, Process process, Path stdout, Path stderr) {
            this.name = name;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What it wrote on stdout so far. */
        public String stdoutSoFar() throws IOException {
            return Files.readString(stdout);
        }

        /** What it wrote on stderr so far (the headless renewer logs there). */
        public String stderrSoFar() throws IOException {
            return Files.readString(stderr);
        }

        /** Types {@code line} and Enter on the process's stdin. */
        public void type(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** What it wrote, for a failing test's report: its files stay until the test has ended. */
        String report() throws IOException {
            return "`" + name + "` (" + (process.isAlive() ? "running" : "exit code " + process.exitValue())
                    + ")\n--- stdout ---\n" + Files.readString(stdout) + "--- stderr ---\n" + Files.readString(stderr);
        }

        void deleteOutput() throws IOException {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }

        /** SIGKILL: the process dies at once, with no chance to clean up. */
        public void kill() {
            process.destroyForcibly();
        }

        /** SIGTERM: the process runs its shutdown hooks and ends. */
        public void terminate() {
            process.destroy();
        }

        /** Waits for the end (at most a minute; then it is killed and this fails). */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + " did not end within " + TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        }

        /**
         * Kills the process if it still runs, and waits for its end, so that the next test finds
         * nothing of it (its single-instance socket, its port); what it wrote stays until the test has ended.
         */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    static Path jar() {
        String jar = System.getProperty("app.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("Run with `mvn verify`: the test needs the packaged jar (app.jar=" + jar + ")");
        }
        return Path.of(jar);
    }
}
