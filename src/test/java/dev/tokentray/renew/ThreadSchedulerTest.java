package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Poll;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app's scheduler on real threads: a task's exception is reported, never the end of the work. */
class ThreadSchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> reported = new LinkedBlockingQueue<>();
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private Thread.UncaughtExceptionHandler before;

    @BeforeEach
    void hearUncaughtExceptions() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> reported.add(thread.getName() + ": " + e.getMessage()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        scheduler.close();
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void aTaskThatThrowsIsReportedToItsThreadsHandlerAndTheNextTaskRuns() throws Exception {
        CountDownLatch next = new CountDownLatch(1);

        scheduler.schedule(Duration.ZERO, () -> {
            throw new IllegalStateException("a bug");
        });
        scheduler.schedule(Duration.ofMillis(50), next::countDown);

        assertThat(reported.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("renewal: a bug");
        assertThat(next.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the thread goes on").isTrue();
    }

    @Test
    void aRepeatingTaskGoesOnAfterARunThrowsUntilCancelled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Scheduler.Cancellable ticking = scheduler.every(Duration.ofMillis(20), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the first tick failed");
            }
        });

        Poll.until("three ticks", WAIT, () -> runs.get() >= 3);
        assertThat(reported).containsExactly("renewal: the first tick failed");

        ticking.cancel();
        int afterCancel = runs.get();
        assertThat(Poll.holdsFor(Duration.ofMillis(200), () -> runs.get() <= afterCancel + 1))
                .as("at most the run already under way").isTrue();
    }

    /** The app quits while a renewal plans its next step: the plan is dropped, nothing is reported. */
    @Test
    void aTaskScheduledByATaskWhileTheSchedulerClosesIsDroppedQuietly() throws Exception {
        CountDownLatch planning = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger laterRuns = new AtomicInteger();
        scheduler.schedule(Duration.ZERO, () -> {
            planning.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                // close() interrupts the running task, as it does a login in flight: it goes on after it
            }
            scheduler.schedule(Duration.ZERO, laterRuns::incrementAndGet);
        });
        assertThat(planning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        scheduler.close();

        assertThat(reported.poll(200, TimeUnit.MILLISECONDS)).as("nothing reported").isNull();
        assertThat(laterRuns).hasValue(0);
    }
}
