package dev.tokentray.testsupport;

import dev.tokentray.renew.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A wall clock, a monotonic clock and a {@link Scheduler} that move only when a test says so.
 * Tasks run on the test's thread, in order, as time passes over them. {@link #sleep} moves the
 * wall clock alone, as a machine's suspend does: the monotonic clock, and the tasks timed by it,
 * stand still.
 */
public final class VirtualTime implements Scheduler {
    private record Task(long due, long order, Runnable body, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private Instant wall;
    private long monotonic;
    private long order;

    public VirtualTime(Instant start) {
        this.wall = start;
    }

    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return wall;
            }
        };
    }

    public long nanoTime() {
        return monotonic;
    }

    public Instant now() {
        return wall;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable body) {
        boolean[] cancelled = {false};
        tasks.add(new Task(monotonic + Math.max(0, delay.toNanos()), order++, body, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Lets {@code duration} pass, running each task when its time comes. */
    public void advance(Duration duration) {
        long end = monotonic + duration.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > end) {
                    break;
                }
                tasks.poll();
                move(next.due);
            }
            if (!next.cancelled[0]) {
                next.body.run();
            }
        }
        move(end);
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Advances until the wall clock reads {@code time}. */
    public void advanceTo(Instant time) {
        advance(Duration.between(wall, time));
    }

    /** The machine sleeps: the wall clock moves on, the monotonic clock and its timers do not. */
    public void sleep(Duration duration) {
        wall = wall.plus(duration);
    }

    /** Someone sets the wall clock back (or NTP does): it alone moves. */
    public void setBack(Duration duration) {
        wall = wall.minus(duration);
    }

    private void move(long to) {
        wall = wall.plusNanos(to - monotonic);
        monotonic = to;
    }
}
