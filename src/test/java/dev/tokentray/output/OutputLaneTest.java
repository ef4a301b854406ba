package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.renew.Trigger;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.VirtualTime;
import dev.tokentray.token.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One output's lane with outputs that fail, hang or lag on purpose: calls on real worker threads,
 * retries and bounds on virtual time, so that the backoff is checked without waiting for it.
 */
class OutputLaneTest {
    private static final Duration A_MOMENT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-23T04:00:00Z");

    private final VirtualTime time = new VirtualTime(START);
    private final List<Duration> scheduled = new CopyOnWriteArrayList<>();
    private final Scheduler scheduler = (delay, task) -> {
        scheduled.add(delay);
        return time.schedule(delay, task);
    };
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<OutputFailure> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** An output that records what it got; it can be made to fail, or to wait for a gate. */
    private static final class FakeOutput implements TokenOutput {
        final List<AccessToken> received = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile int failuresLeft;
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean behind = true;
        volatile int attempts = Integer.MAX_VALUE;
        volatile boolean interrupted;

        @Override
        public String describe() {
            return "the fake";
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public int attempts() {
            return attempts;
        }

        @Override
        public void deliver(NewToken token) throws OutputException, InterruptedException {
            calls.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                interrupted = true;
                throw e;
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new OutputException("It is down.");
            }
            received.add(token.token());
        }

        @Override
        public boolean isBehind(AccessToken token) {
            return behind;
        }
    }

    private OutputLane lane(FakeOutput output) {
        return new OutputLane("default", output, failures::add, scheduler, workers, time.clock(), () -> {});
    }

    private static OutputLane.Job job(AccessToken token) {
        return new OutputLane.Job(Tokens.renewed(token), false);
    }

    private static AccessToken token() {
        return Tokens.token(START, Duration.ofHours(8));
    }

    @Test
    void aSlowOutputDelaysNoOther() throws Exception {
        FakeOutput slow = new FakeOutput();
        slow.gate = new CountDownLatch(1);
        FakeOutput quick = new FakeOutput();
        AccessToken token = token();

        lane(slow).submit(job(token));
        lane(quick).submit(job(token));

        Poll.until("the quick output to get the token", A_MOMENT, () -> quick.received.contains(token));
        assertThat(slow.received).isEmpty();
        slow.gate.countDown();
        Poll.until("the slow output to get it too", A_MOMENT, () -> slow.received.contains(token));
    }

    @Test
    void aNewerTokenReplacesOneNotYetHandedOver() throws Exception {
        FakeOutput output = new FakeOutput();
        output.gate = new CountDownLatch(1);
        OutputLane lane = lane(output);
        AccessToken first = token();
        AccessToken second = token();
        AccessToken third = token();

        lane.submit(job(first));
        Poll.until("the first call", A_MOMENT, () -> output.calls.get() == 1);
        lane.submit(job(second));
        lane.submit(job(third));
        output.gate.countDown();

        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
        assertThat(output.received).containsExactly(first, third);
    }

    @Test
    void aFailingOutputIsRetriedWithGrowingWaitsAndReportedOnce() throws Exception {
        FakeOutput output = new FakeOutput();
        output.failuresLeft = 3;
        OutputLane lane = lane(output);
        AccessToken token = token();

        lane.submit(job(token));
        for (Duration wait : List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8))) {
            Poll.until("a retry in " + wait, A_MOMENT, () -> scheduled.contains(wait));
            int calls = output.calls.get();
            time.advance(wait);
            Poll.until("the retry", A_MOMENT, () -> output.calls.get() == calls + 1);
        }

        Poll.until("the token to arrive", A_MOMENT, () -> output.received.contains(token));
        assertThat(output.calls).hasValue(4);
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.output()).isEqualTo("the fake");
            assertThat(failure.problem()).isEqualTo("It is down.");
            assertThat(failure.title()).isEqualTo("Could not hand the token to the fake");
        });
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
    }

    @Test
    void theWaitsGrowToFiveMinutesAtMost() {
        assertThat(OutputLane.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OutputLane.backoff(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(OutputLane.backoff(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(OutputLane.backoff(100)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aTokenIsTriedNoMoreThanItsOutputAllows() throws Exception {
        FakeOutput output = new FakeOutput();
        output.failuresLeft = Integer.MAX_VALUE;
        output.attempts = 2;
        OutputLane lane = lane(output);

        lane.submit(job(token()));
        Poll.until("the retry planned", A_MOMENT, () -> scheduled.contains(Duration.ofSeconds(2)));
        time.advance(Duration.ofSeconds(2));
        Poll.until("the lane to give up", A_MOMENT, lane::idle);
        time.advance(Duration.ofHours(1));

        assertThat(output.calls).hasValue(2);
    }

    @Test
    void aDeadTokenIsNotHandedOverNorRetried() throws Exception {
        FakeOutput output = new FakeOutput();
        output.failuresLeft = Integer.MAX_VALUE;
        OutputLane lane = lane(output);
        AccessToken shortLived = Tokens.token(START, Duration.ofSeconds(5));

        lane.submit(job(shortLived));
        Poll.until("the retry planned", A_MOMENT, () -> scheduled.contains(Duration.ofSeconds(2)));
        time.advance(Duration.ofSeconds(2));
        Poll.until("the next retry planned", A_MOMENT, () -> scheduled.contains(Duration.ofSeconds(4)));
        time.advance(Duration.ofSeconds(4)); // past its expiry
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
        assertThat(output.calls).as("no call once it died").hasValue(2);

        lane.submit(job(Tokens.token(START.minusSeconds(60), Duration.ofSeconds(30))));
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
        assertThat(output.calls).as("an expired one is never handed over").hasValue(2);
    }

    @Test
    void aFoundTokenGoesOnlyToAnOutputThatLacksIt() throws Exception {
        FakeOutput output = new FakeOutput();
        output.behind = false;
        OutputLane lane = lane(output);

        lane.submit(new OutputLane.Job(Tokens.renewed(token()), true));
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
        assertThat(output.calls).hasValue(0);

        output.behind = true;
        AccessToken token = token();
        lane.submit(new OutputLane.Job(Tokens.renewed(token), true));
        Poll.until("the token to arrive", A_MOMENT, () -> output.received.contains(token));
    }

    @Test
    void aCallPastItsTimeoutIsReportedAndInterrupted() throws Exception {
        FakeOutput output = new FakeOutput();
        output.gate = new CountDownLatch(1); // never opened
        OutputLane lane = lane(output);

        lane.submit(job(token()));
        Poll.until("the call", A_MOMENT, () -> output.calls.get() == 1);
        time.advance(output.timeout());

        Poll.until("the call to be interrupted", A_MOMENT, () -> output.interrupted);
        assertThat(failures).singleElement().extracting(OutputFailure::problem)
                .isEqualTo("It did not finish within 30 s, and was stopped.");
        lane.close();
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
    }

    @Test
    void closingStopsTheRetriesAndInterruptsACallInFlight() throws Exception {
        FakeOutput output = new FakeOutput();
        output.gate = new CountDownLatch(1);
        OutputLane lane = lane(output);

        lane.submit(job(token()));
        Poll.until("the call", A_MOMENT, () -> output.calls.get() == 1);
        lane.close();

        Poll.until("the call to be interrupted", A_MOMENT, () -> output.interrupted);
        Poll.until("the lane to be idle", A_MOMENT, lane::idle);
        time.advance(Duration.ofHours(1));
        lane.submit(job(token()));
        assertThat(output.calls).hasValue(1);
    }

    /** An audit trail: it keeps attempts, and fails while its database is down. */
    private static final class FakeAuditTrail implements AttemptOutput {
        final FakeOutput tokens = new FakeOutput();
        final List<AuditedAttempt> queued = new CopyOnWriteArrayList<>();
        final List<AuditedAttempt> written = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public String describe() {
            return "the audit trail";
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public void queue(AuditedAttempt attempt) {
            queued.add(attempt);
        }

        @Override
        public void deliverAttempts() throws OutputException {
            if (down) {
                throw new OutputException("It is down.");
            }
            written.addAll(queued);
            queued.clear();
        }

        @Override
        public void deliver(NewToken token) throws OutputException, InterruptedException {
            deliverAttempts();
            tokens.deliver(token);
        }

        @Override
        public boolean isBehind(AccessToken token) {
            return true;
        }
    }

    private static AuditedAttempt attempt() {
        return new AuditedAttempt(new Attempt(START, "default", Trigger.AUTOMATIC, Duration.ofSeconds(1), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), "test-host");
    }

    @Test
    void anAttemptWhileTheTokenIsStillOwedKeepsTheTokenAndBothArriveOnceTheOutputIsBack() throws Exception {
        FakeAuditTrail audit = new FakeAuditTrail();
        audit.down = true;
        OutputLane lane = new OutputLane("default", audit, failures::add, scheduler, workers, time.clock(), () -> {});
        AccessToken token = token();

        lane.submit(job(token));
        Poll.until("the first failure", A_MOMENT, () -> failures.size() == 1 && !lane.idle() && scheduled.size() >= 2);
        lane.attempted(attempt()); // a failed login meanwhile
        Poll.until("the second call to fail too", A_MOMENT, () -> scheduled.size() >= 4);
        audit.down = false;
        // Only as far as the retry: the retry's call runs on a real thread, and moving on past its
        // 30-s watchdog while it runs would make it overrun.
        time.advance(OutputLane.FIRST_RETRY);

        Poll.until("the attempt and the token written", A_MOMENT,
                () -> audit.written.size() == 1 && audit.tokens.received.contains(token) && lane.idle());
        assertThat(failures).as("the outage told once").hasSize(1);
    }

    @Test
    void anAttemptAloneIsWrittenAndATokenOutputIgnoresIt() throws Exception {
        FakeAuditTrail audit = new FakeAuditTrail();
        OutputLane auditLane = new OutputLane("default", audit, failures::add, scheduler, workers, time.clock(), () -> {});
        FakeOutput file = new FakeOutput();
        OutputLane fileLane = lane(file);

        auditLane.attempted(attempt());
        fileLane.attempted(attempt());

        Poll.until("the attempt written", A_MOMENT, () -> audit.written.size() == 1 && auditLane.idle());
        assertThat(audit.tokens.calls).hasValue(0);
        assertThat(file.calls).hasValue(0);
        assertThat(fileLane.idle()).isTrue();
    }
}
