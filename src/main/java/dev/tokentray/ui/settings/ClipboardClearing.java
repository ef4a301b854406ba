package dev.tokentray.ui.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A choice for how long a copied token stays on the clipboard, as the settings list offers it.
 *
 * @param after empty for "never cleared"
 */
public record ClipboardClearing(Optional<Duration> after) {
    public static final List<ClipboardClearing> STANDARD = List.of(
            after(Duration.ofSeconds(30)),
            after(Duration.ofSeconds(60)),
            after(Duration.ofMinutes(2)),
            after(Duration.ofMinutes(5)),
            new ClipboardClearing(Optional.empty()));

    public ClipboardClearing {
        Objects.requireNonNull(after, "after");
        after = after.filter(d -> d.isPositive());
    }

    public static ClipboardClearing after(Duration duration) {
        return new ClipboardClearing(Optional.of(duration));
    }

    /** The standard choices, and the current one where a hand-edited file holds another time. */
    public static List<ClipboardClearing> choices(Optional<Duration> current) {
        ClipboardClearing now = new ClipboardClearing(current);
        if (STANDARD.contains(now)) {
            return STANDARD;
        }
        List<ClipboardClearing> choices = new ArrayList<>(STANDARD);
        int at = (int) STANDARD.stream().filter(c -> c.after().filter(d -> d.compareTo(now.after().orElseThrow()) < 0)
                .isPresent()).count();
        choices.add(at, now);
        return List.copyOf(choices);
    }

    /** "After 30 seconds", "After 2 minutes", "Never". */
    public String label() {
        if (after.isEmpty()) {
            return "Never";
        }
        long seconds = after.get().toSeconds();
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes == 1 ? "After 1 minute" : "After " + minutes + " minutes";
        }
        return "After " + seconds + " seconds";
    }

    @Override
    public String toString() {
        return label();
    }
}
