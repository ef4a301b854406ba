package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Logins of several accounts through the one turnstile: one at a time, the gap kept, in the order they came. */
class LoginTurnstileTest {
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    /** Pausing moves the test's monotonic clock, as a real sleep does. */
    private final LoginTurnstile turnstile = new LoginTurnstile(LoginTurnstile.GAP, nanos::get, duration -> {
        pauses.add(duration);
        nanos.addAndGet(duration.toNanos());
    });

    @Test
    void theFirstLoginGoesAtOnceAndTheNextWaitsTheGapAfterItEnded() throws Exception {
        try (LoginTurnstile.Turn first = turnstile.enter()) {
            nanos.addAndGet(Duration.ofMillis(800).toNanos()); // the login takes 800 ms
        }
        assertThat(pauses).isEmpty();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos()); // the next comes a second after
        turnstile.enter().close();
        assertThat(pauses).containsExactly(LoginTurnstile.GAP.minusSeconds(1));

        nanos.addAndGet(LoginTurnstile.GAP.toNanos()); // and one long after: no wait
        turnstile.enter().close();
        assertThat(pauses).hasSize(1);
    }

    @Test
    void aFailedLoginKeepsTheGapToo() throws Exception {
        assertThatThrownBy(() -> {
            try (LoginTurnstile.Turn failing = turnstile.enter()) {
                throw new IllegalStateException("Upstox had a fault");
            }
        }).isInstanceOf(IllegalStateException.class);

        turnstile.enter().close();

        assertThat(pauses).containsExactly(LoginTurnstile.GAP);
    }

    @Test
    void loginsOfManyThreadsNeverOverlap() throws Exception {
        LoginTurnstile real = new LoginTurnstile(Duration.ZERO, System::nanoTime, Thread::sleep);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    try (LoginTurnstile.Turn turn = real.enter()) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(20);
                        inside.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(most).hasValue(1);
    }
}
