package dev.tokentray.renew;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the history says in numbers: attempts, the share that succeeded, and the median and 95th
 * percentile of the time a successful login took.
 */
public record HistoryStats(int attempts, int successes, Optional<Duration> medianLogin, Optional<Duration> p95Login) {

    /** Of the logins among {@code attempts}: a token taken from Redis ({@link Trigger.REDIS}) was no login here. */
    public static HistoryStats of(List<Attempt> attempts) {
        List<Attempt> tried = attempts.stream().filter(a -> a.trigger() != Trigger.REDIS).toList();
        List<Duration> logins = tried.stream().filter(Attempt::succeeded).map(Attempt::duration).sorted().toList();
        return new HistoryStats(tried.size(), logins.size(), percentile(logins, 50), percentile(logins, 95));
    }

    /** 0 to 1; 0 when there was no attempt. */
    public double successRate() {
        return attempts == 0 ? 0 : (double) successes / attempts;
    }

    /** The nearest-rank percentile: a value that really occurred. */
    private static Optional<Duration> percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }
}
