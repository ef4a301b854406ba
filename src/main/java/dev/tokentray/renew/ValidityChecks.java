package dev.tokentray.renew;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the renewal service asks Upstox whether its token still works: at start, after a wake, on
 * the {@link CheckSchedule} (the market's hours by default), and whenever asked. It runs on the
 * service's scheduler, between its logins, and hands each outcome to {@code findings}. A check that
 * fails for the app's own reasons (a locked keychain) is logged, and the schedule goes on.
 */
final class ValidityChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ValidityChecks.class);

    private final ValidityCheck check;
    private final Supplier<CheckSchedule> schedule;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Consumer<ValidityCheck.Outcome> findings;
    private Scheduler.Cancellable next = () -> {};

    ValidityChecks(ValidityCheck check, Supplier<CheckSchedule> schedule, Scheduler scheduler, Clock clock,
            Consumer<ValidityCheck.Outcome> findings) {
        this.check = check;
        this.schedule = schedule;
        this.scheduler = scheduler;
        this.clock = clock;
        this.findings = findings;
    }

    /** At start, and after a wake: the token may have died while the app was not looking. */
    void checkIfOn() {
        guarded(() -> {
            if (schedule.get().on()) {
                checkAndPlanNext();
            }
        });
    }

    /** The trader (or a script) asked: a check now, even with the checks switched off. */
    void checkNow() {
        guarded(this::checkAndPlanNext);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private void checkAndPlanNext() throws Exception {
        next.cancel();
        try {
            check.check().ifPresent(findings);
        } finally {
            Instant now = clock.instant();
            schedule.get().nextAfter(now).ifPresent(at ->
                    next = scheduler.schedule(Duration.between(now, at), this::checkIfOn));
        }
    }

    /** Periodic work must survive: a failure is logged, and the next check comes as planned. */
    private void guarded(Work work) {
        try {
            work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (Exception e) {
            LOG.warn("Could not check the token with Upstox: {}", e.toString());
        }
    }
}
