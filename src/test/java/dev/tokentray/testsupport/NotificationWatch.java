package dev.tokentray.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test desktop's notifications seen from outside, as a user's desktop sees them:
 * {@code dbus-monitor} records every Notify call on the session bus, and {@code dunstctl} asks the
 * daemon (dunst) what it shows, and clicks.
 */
public final class NotificationWatch implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path log;
    private final Process monitor;

    private NotificationWatch(Path log, Process monitor) {
        this.log = log;
        this.monitor = monitor;
    }

    /** Once it returns, every Notify call is recorded, in a file in {@code folder}. */
    public static NotificationWatch start(Path folder) throws Exception {
        Path log = folder.resolve("dbus-monitor.log");
        Process monitor = new ProcessBuilder("dbus-monitor", "--session",
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'")
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // Once a monitor, it has its name taken away: from then on it sees every matching call.
        Poll.until("dbus-monitor to watch the bus", WAIT, () -> Files.readString(log).contains("NameLost"));
        return new NotificationWatch(log, monitor);
    }

    /** The Notify calls seen so far, each as its argument lines, stripped. */
    public List<List<String>> notifyCalls() throws IOException {
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("method call") && line.contains("member=Notify")) {
                calls.add(new ArrayList<>());
            } else if (!calls.isEmpty() && line.startsWith(" ")) {
                calls.getLast().add(line.strip());
            }
        }
        return calls;
    }

    /** Runs {@code dunstctl ARGUMENTS}, which must succeed, and returns what it printed. */
    public static String dunstctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("dunstctl"));
        command.addAll(List.of(arguments));
        Commands.Result result = Commands.run(WAIT, command.toArray(String[]::new));
        assertThat(result.succeeded()).as("dunstctl %s", String.join(" ", arguments)).isTrue();
        return result.stdout().strip();
    }

    @Override
    public void close() throws InterruptedException {
        monitor.destroy();
        monitor.waitFor(5, TimeUnit.SECONDS);
    }
}
