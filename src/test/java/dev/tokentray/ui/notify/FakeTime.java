package dev.tokentray.ui.notify;

import dev.tokentray.renew.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that move only when the test says so; tasks run on the test's thread. */
final class FakeTime extends Clock implements Scheduler {
    private record Task(Instant due, Runnable body, boolean[] cancelled) {}

    private final List<Task> tasks = new ArrayList<>();
    private Instant now;

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable body) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now.plus(delay), body, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Lets {@code duration} pass, running each task when its time comes. */
    void advance(Duration duration) {
        Instant end = now.plus(duration);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.due().isAfter(end)).min(Comparator.comparing(Task::due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due().isAfter(now) ? next.due() : now;
            if (!next.cancelled()[0]) {
                next.body().run();
            }
        }
        now = end;
    }
}
