package dev.tokentray.renew;

import com.fasterxml.jackson.core.JacksonException;
import dev.tokentray.platform.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per login attempt, of every profile, in the state folder. Attempts older than 90
 * days are pruned, except each profile's latest rejection, which the policy may still need.
 * Appends happen while the login lock is held, so that processes never write it at once.
 *
 * <p>When the file cannot be written, an attempt is kept in memory instead, read back with the
 * file's, and written with the next append that works: a failed login is never forgotten by this
 * process, so its backoff and its stop hold. {@link #problem()} says so, and the renewal makes no
 * automatic login meanwhile, since other processes cannot see what this one keeps.
 */
public final class LoginHistory {
    private static final Logger LOG = LoggerFactory.getLogger(LoginHistory.class);
    static final Duration KEPT = Duration.ofDays(90);

    private final Path file;
    private final Clock clock;
    private final Consumer<String> changed;
    private volatile Consumer<Attempt> appended = attempt -> { };
    /** Attempts the file would not take, oldest first; guarded by this. */
    private final List<Attempt> unwritten = new ArrayList<>();
    /** Why the file could not be read, last time; said once, not at every planning. Guarded by this. */
    private String unreadable;

    /** @param changed hears the profile of each attempt written, for the other processes to notice */
    public LoginHistory(Path file, Clock clock, Consumer<String> changed) {
        this.file = file;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * Hears each attempt this process appends, failed or not, once it is recorded (a command's
     * audit trail: a failed login reaches the command only as an exception). Replaces the one
     * before; it runs on the login's thread, so it must be quick, and what it throws is logged.
     */
    public void onAppend(Consumer<Attempt> listener) {
        appended = listener;
    }

    public void append(Attempt attempt) {
        write(attempt);
        try {
            appended.accept(attempt);
        } catch (RuntimeException e) {
            LOG.warn("Could not hand the login attempt on ({}): {}", e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private synchronized void write(Attempt attempt) {
        unwritten.add(attempt);
        try {
            List<Attempt> all = readAll();
            Instant oldestKept = clock.instant().minus(KEPT);
            if (!all.isEmpty() && all.getFirst().time().isBefore(oldestKept)) {
                StringBuilder kept = new StringBuilder();
                pruned(all, oldestKept).forEach(a -> kept.append(line(a)));
                OwnerOnly.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
            }
            OwnerOnly.file(file);
            StringBuilder lines = new StringBuilder();
            unwritten.forEach(a -> lines.append(line(a)));
            // One write with O_APPEND: a reader never sees half a line.
            Files.writeString(file, lines, StandardOpenOption.APPEND);
            unwritten.clear();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record the login attempt in {} ({}); it is kept in memory: {}", file,
                    e.getClass().getSimpleName(), e.getMessage());
        }
        changed.accept(attempt.profile());
    }

    /**
     * Why the history cannot be written now, in words for the trader; empty when it can. Tries
     * the file itself, as an append would.
     */
    public Optional<String> problem() {
        try {
            OwnerOnly.directories(file.toAbsolutePath().getParent());
            OwnerOnly.file(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("The login history " + file + " cannot be written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). The app makes no automatic login"
                    + " until it can, so that no failed login goes unrecorded: free disk space, or make the file"
                    + " writable by this user again.");
        }
    }

    /** The profile's attempts, oldest first, those kept in memory included. */
    public List<Attempt> attempts(String profile) {
        List<Attempt> all;
        synchronized (this) {
            try {
                all = new ArrayList<>(readAll());
                unreadable = null;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).equals(unreadable)) {
                    unreadable = String.valueOf(e.getMessage());
                    LOG.warn("Could not read the login history {}: {}", file, unreadable);
                }
                all = new ArrayList<>();
            }
            all.addAll(unwritten);
        }
        return all.stream().filter(a -> a.profile().equals(profile)).toList();
    }

    public Optional<Attempt> last(String profile) {
        List<Attempt> attempts = attempts(profile);
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }

    /** Those since {@code oldestKept}, and each profile's latest rejection, however old. */
    private static List<Attempt> pruned(List<Attempt> all, Instant oldestKept) {
        Set<Attempt> latestRejections = new HashSet<>();
        Set<String> profiles = new HashSet<>();
        for (Attempt attempt : all.reversed()) {
            if (attempt.rejected() && profiles.add(attempt.profile())) {
                latestRejections.add(attempt);
            }
        }
        return all.stream().filter(a -> !a.time().isBefore(oldestKept) || latestRejections.contains(a)).toList();
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
