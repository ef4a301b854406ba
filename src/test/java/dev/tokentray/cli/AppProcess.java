package dev.tokentray.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged app run as a user runs it: {@code java -jar target/upstox-token-tray.jar ...}. */
final class AppProcess {
    record Result(int exitCode, String stdout, String stderr) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Map<String, String> variables = new HashMap<>();

    /** A process with its own home and XDG folders under {@code home}. */
    AppProcess(Path home) {
        this.home = home;
        variables.put("HOME", home.toString());
        variables.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        variables.put("XDG_STATE_HOME", home.resolve(".local/state").toString());
    }

    AppProcess set(String name, String value) {
        variables.put(name, value);
        return this;
    }

    AppProcess set(Map<String, String> more) {
        variables.putAll(more);
        return this;
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("app-", ".out");
        Path stderr = Files.createTempFile("app-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .directory(home.toFile());
            builder.environment().putAll(variables);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", args) + " did not end within " + TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.delete(stdout);
            Files.delete(stderr);
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
