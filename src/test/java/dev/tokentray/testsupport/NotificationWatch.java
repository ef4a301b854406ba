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
 * {@code dbus-monitor} records every Notify and CloseNotification call on the session bus and the
 * daemon's NotificationClosed signals, and {@code dunstctl} asks the daemon (dunst) what it
 * shows, and clicks. A test closes only its own notifications (the app takes them back when it
 * quits), never the others on the screen.
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
                "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                "type='method_call',interface='org.freedesktop.Notifications',member='CloseNotification'",
                "type='signal',interface='org.freedesktop.Notifications',member='NotificationClosed'")
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // Once a monitor, it has its name taken away: from then on it sees every matching call.
        Poll.until("dbus-monitor to watch the bus", WAIT, () -> Files.readString(log).contains("NameLost"));
        return new NotificationWatch(log, monitor);
    }

    /** The Notify calls seen so far, each as its argument lines, stripped. */
    public List<List<String>> notifyCalls() throws IOException {
        return messages("method call", "Notify");
    }

    /** The CloseNotification calls seen so far: each one's id line ("uint32 7"). */
    public List<String> closeCalls() throws IOException {
        return messages("method call", "CloseNotification").stream().map(List::getFirst).toList();
    }

    /** The daemon's NotificationClosed signals so far, each as its id and reason lines ("uint32 3": by a call). */
    public List<List<String>> closedSignals() throws IOException {
        return messages("signal", "NotificationClosed");
    }

    /** The messages of this type and member, each as its argument lines, stripped. */
    private List<List<String>> messages(String type, String member) throws IOException {
        List<List<String>> messages = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith(" ")) {
                current = line.startsWith(type) && line.endsWith("member=" + member) ? new ArrayList<>() : null;
                if (current != null) {
                    messages.add(current);
                }
            } else if (current != null) {
                current.add(line.strip());
            }
        }
        return messages;
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
