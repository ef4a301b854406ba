package dev.tokentray.output;

import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;
import dev.tokentray.renew.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output's own queue of one: the token it is to get, one call at a time on a worker thread of
 * its own, so that a slow or failing output delays no other. A newer token replaces one not yet
 * handed over (no output needs yesterday's), and a failed call is tried again after 2, 4, 8 ...
 * seconds (at most 5 minutes apart) until it works, the token dies, a newer one comes, or the
 * output's {@link TokenOutput#attempts()} are spent. The first failure of an outage is reported;
 * the retries only logged.
 */
final class OutputLane {
    private static final Logger LOG = LoggerFactory.getLogger(OutputLane.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    /**
     * A token to hand over, {@code onlyIfBehind} for one this process did not make; or, without a
     * token, the login attempts an {@link AttemptOutput} keeps.
     */
    record Job(Optional<NewToken> token, boolean onlyIfBehind) {
        static final Job ATTEMPTS = new Job(Optional.empty(), false);

        Job(NewToken token, boolean onlyIfBehind) {
            this(Optional.of(token), onlyIfBehind);
        }
    }

    private final String profile;
    private final TokenOutput output;
    private final OutputProblems problems;
    private final Scheduler scheduler;
    private final Executor workers;
    private final Clock clock;
    private final Runnable becameIdle;

    // All guarded by this.
    private Job pending;
    /** The last token submitted, until the output has it: a job for attempts must not push it out. */
    private Job owed;
    private boolean running;
    private Thread worker;
    private Scheduler.Cancellable retry = () -> {};
    private boolean retryPlanned;
    private int tries;
    private boolean reported;
    private boolean closed;

    OutputLane(String profile, TokenOutput output, OutputProblems problems, Scheduler scheduler, Executor workers, Clock clock,
            Runnable becameIdle) {
        this.profile = profile;
        this.output = output;
        this.problems = problems;
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.becameIdle = becameIdle;
    }

    synchronized void submit(Job job) {
        if (closed) {
            return;
        }
        if (job.token().isPresent()) {
            owed = job;
        } else if (owed != null) {
            job = owed; // its call writes the attempts first
        }
        pending = job;
        tries = 0;
        cancelRetry();
        if (!running) {
            start();
        }
    }

    /** A login attempt, for an output that records them (others ignore it); written on the lane's thread. */
    void attempted(AuditedAttempt attempt) {
        if (output instanceof AttemptOutput recorder) {
            recorder.queue(attempt);
            submit(Job.ATTEMPTS);
        }
    }

    Duration timeout() {
        return output.timeout();
    }

    /** Nothing to do: no call running, none waiting, no retry planned. */
    synchronized boolean idle() {
        return !running && pending == null && !retryPlanned;
    }

    /** Stops: no retry, and a call still running is interrupted (a hook then ends its programs). */
    synchronized void close() {
        closed = true;
        pending = null;
        cancelRetry();
        if (worker != null) {
            worker.interrupt();
        }
        output.close();
    }

    private void start() {
        Job job = pending;
        pending = null;
        running = true;
        workers.execute(() -> run(job));
    }

    private void run(Job job) {
        Thread self = Thread.currentThread();
        synchronized (this) {
            worker = self;
            tries++;
        }
        Scheduler.Cancellable watchdog = scheduler.schedule(output.timeout(), () -> overran(self));
        boolean delivered = attempt(job);
        watchdog.cancel();
        synchronized (this) {
            worker = null;
            running = false;
            if (delivered && owed == job) {
                owed = null;
            }
            if (!closed && pending != null) {
                start();
                return;
            }
            if (!closed && !delivered && tries < output.attempts() && alive(job)) {
                Duration wait = backoff(tries);
                LOG.info("Trying {} again in {} s", output.describe(), wait.toSeconds());
                retryPlanned = true;
                retry = scheduler.schedule(wait, () -> retry(job));
            }
        }
        becameIdle.run();
    }

    private synchronized void retry(Job job) {
        retryPlanned = false;
        if (!closed && !running && pending == null) {
            pending = job;
            start();
        }
    }

    /** True when the output has the token, or needs it no more. */
    private boolean attempt(Job job) {
        if (!alive(job)) {
            LOG.info("The token of profile '{}' expired before it reached {}; not handed over", profile,
                    output.describe());
            return true;
        }
        try {
            if (job.token().isEmpty()) {
                ((AttemptOutput) output).deliverAttempts();
                delivered();
                return true;
            }
            NewToken token = job.token().get();
            if (job.onlyIfBehind() && !output.isBehind(token.token())) {
                return true;
            }
            long started = System.nanoTime();
            output.deliver(token);
            int tried = delivered();
            LOG.info("Handed the token of profile '{}' to {} in {} ms{}", profile, output.describe(),
                    (System.nanoTime() - started) / 1_000_000, tried > 1 ? " (try " + tried + ")" : "");
            return true;
        } catch (OutputException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            LOG.info("Stopped handing the token of profile '{}' to {}", profile, output.describe());
        } catch (RuntimeException e) {
            LOG.error("Handing the token to {} failed unexpectedly", output.describe(), e);
            fail("It failed unexpectedly (" + e.getClass().getSimpleName() + "); the app's log has the details.");
        }
        return false;
    }

    /**
     * The output works again: its next failure is told. Returns the calls this job took. The call
     * counts as over from here, so that a watchdog firing before {@link #run} cancels it does not
     * report the success as an overrun.
     */
    private synchronized int delivered() {
        worker = null;
        reported = false;
        return tries;
    }

    private void overran(Thread attempt) {
        boolean stillRunning;
        synchronized (this) {
            stillRunning = worker == attempt;
        }
        if (stillRunning) {
            fail("It did not finish within " + output.timeout().toSeconds() + " s, and was stopped.");
            attempt.interrupt();
        }
    }

    private void fail(String problem) {
        boolean first;
        synchronized (this) {
            first = !reported;
            reported = true;
        }
        LOG.warn("Could not hand the token of profile '{}' to {}: {}", profile, output.describe(), problem);
        if (first) {
            problems.failed(new OutputFailure(profile, output.describe(), problem));
        }
    }

    private boolean alive(Job job) {
        return job.token().map(token -> token.token().expiresAt().isAfter(clock.instant())).orElse(true);
    }

    private void cancelRetry() {
        retry.cancel();
        retryPlanned = false;
    }

    static Duration backoff(int tries) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(tries - 1, 20));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }
}
