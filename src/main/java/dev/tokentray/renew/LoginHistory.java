package dev.tokentray.renew;

import com.fasterxml.jackson.core.JacksonException;
import dev.tokentray.platform.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per login attempt, of every profile, in the state folder; attempts older than
 * 90 days are pruned. Appends happen while the login lock is held, so that processes never
 * write it at once.
 */
public final class LoginHistory {
    private static final Logger LOG = LoggerFactory.getLogger(LoginHistory.class);
    static final Duration KEPT = Duration.ofDays(90);

    private final Path file;
    private final Clock clock;

    public LoginHistory(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public synchronized void append(Attempt attempt) {
        try {
            List<Attempt> all = readAll();
            Instant oldestKept = clock.instant().minus(KEPT);
            if (!all.isEmpty() && all.getFirst().time().isBefore(oldestKept)) {
                List<String> kept = new ArrayList<>();
                all.stream().filter(a -> !a.time().isBefore(oldestKept)).forEach(a -> kept.add(line(a)));
                OwnerOnly.write(file, String.join("", kept).getBytes(StandardCharsets.UTF_8));
            }
            OwnerOnly.file(file);
            // One write of one line with O_APPEND: a reader never sees half a line.
            Files.writeString(file, line(attempt), StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The history informs; it must not fail a login that worked.
            LOG.warn("Could not record the login attempt in {}: {}", file, e.getMessage());
        }
    }

    /** The profile's attempts, oldest first. */
    public List<Attempt> attempts(String profile) {
        try {
            return readAll().stream().filter(a -> a.profile().equals(profile)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the login history " + file, e);
        }
    }

    public Optional<Attempt> last(String profile) {
        List<Attempt> attempts = attempts(profile);
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }

    private List<Attempt> readAll() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Attempt> attempts = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                attempts.add(AttemptJson.read(AttemptJson.JSON.readTree(line)));
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                LOG.warn("Skipping an unreadable line of {}", file);
            }
        }
        return attempts;
    }

    private static String line(Attempt attempt) {
        return AttemptJson.write(attempt) + "\n";
    }
}
