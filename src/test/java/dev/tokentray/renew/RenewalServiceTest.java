package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renewal service on virtual time, against the simulator over HTTP. */
class RenewalServiceTest {
    @TempDir
    Path state;

    private RenewalFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RenewalFixture start(String istTime) throws Exception {
        return start(istTime, UnaryOperator.identity());
    }

    private RenewalFixture start(String istTime, UnaryOperator<dev.tokentray.sim.SimulatorConfig> simulator) throws Exception {
        fixture = new RenewalFixture(state, ist(istTime), simulator).withCredentials();
        return fixture;
    }

    private static LocalTime istTimeOf(Instant time) {
        return time.atZone(TokenExpiry.IST).toLocalTime();
    }

    @Test
    void aWeekOfDaysRenewsExactlyOncePerDayAtTheWindowsOpening() throws Exception {
        start("2026-11-16T09:00");
        fixture.service.start();

        fixture.time.advanceTo(ist("2026-11-22T23:00"));

        List<Attempt> attempts = fixture.attempts();
        assertThat(attempts).hasSize(7).allMatch(Attempt::succeeded);
        assertThat(fixture.logins()).isEqualTo(7);
        assertThat(attempts.stream().map(a -> a.time().atZone(TokenExpiry.IST).toLocalDate()).distinct()).hasSize(7);
        assertThat(attempts.subList(1, 7)).allSatisfy(a -> assertThat(istTimeOf(a.time())).isEqualTo(LocalTime.of(5, 30)));
        assertThat(attempts).allSatisfy(a -> assertThat(a.tokenExpiresAt()).contains(TokenExpiry.nextDailyExpiry(a.time())));
        assertThat(fixture.service.state().tokenState()).isEqualTo(TokenState.VALID);
    }

    @Test
    void aValidTokenIsNeverRenewedEarlyAndAnExpiredOneWaitsForTheWindow() throws Exception {
        start("2026-11-16T02:30"); // tokens made now die at 03:30, an hour later
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.logins()).as("no login before the window opens at 05:30").isZero();
        assertThat(fixture.service.state().nextRenewal()).contains(ist("2026-11-16T05:30"));

        fixture.settings = fixture.settings.withLoginWindow(LoginHours.ALWAYS);
        fixture.service.replan();
        fixture.time.runDue();
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(fixture.service.state().token().orElseThrow().expiresAt()).isEqualTo(ist("2026-11-16T03:30"));

        fixture.time.advanceTo(ist("2026-11-16T03:29"));
        assertThat(fixture.logins()).as("valid until 03:30: not renewed early").isEqualTo(1);
        fixture.time.advanceTo(ist("2026-11-16T03:31"));
        assertThat(fixture.logins()).as("renewed once it died").isEqualTo(2);
        assertThat(fixture.service.state().token().orElseThrow().expiresAt()).isEqualTo(ist("2026-11-17T03:30"));
    }

    @Test
    void asleepAcross0330AndAwakeAt0800LogsInOnceAtWake() throws Exception {
        start("2026-11-16T22:00");
        fixture.service.start();
        fixture.time.advance(Duration.ofMinutes(5));
        assertThat(fixture.logins()).isEqualTo(1);

        fixture.time.sleep(Duration.ofHours(10)); // 22:05 -> 08:05, timers frozen
        assertThat(fixture.logins()).isEqualTo(1);
        fixture.time.advance(RenewalSchedule.WATCH_INTERVAL);
        assertThat(fixture.logins()).as("renewed at wake").isEqualTo(2);
        assertThat(istTimeOf(fixture.attempts().getLast().time())).isBefore(LocalTime.of(8, 7));

        fixture.time.advance(Duration.ofHours(12)); // the timers planned before the sleep come due now
        assertThat(fixture.logins()).as("and only once").isEqualTo(2);
    }

    @Test
    void transientFaultsBackOffThenSucceed() throws Exception {
        start("2026-11-16T10:00", simulator -> simulator);
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.DIALOG, new Fault.Status(503)));
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_GENERATE, new Fault.ConnectionReset()));
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_VERIFY,
                new Fault.Delay(RenewalFixture.QUICK.request().plusSeconds(1))));
        fixture.service.start();

        fixture.time.advance(Duration.ofMinutes(10));

        List<Attempt> attempts = fixture.attempts();
        assertThat(attempts).extracting(a -> a.failure().map(f -> f.kind()).orElse(null))
                .containsExactly(FailureKind.TRANSIENT, FailureKind.TRANSIENT, FailureKind.TRANSIENT, null);
        assertThat(gapSeconds(attempts, 0)).isCloseTo(30, within(6.0));
        assertThat(gapSeconds(attempts, 1)).isCloseTo(60, within(12.0));
        assertThat(gapSeconds(attempts, 2)).isCloseTo(120, within(24.0));
        assertThat(fixture.logins()).isEqualTo(1);
    }

    private static double gapSeconds(List<Attempt> attempts, int index) {
        return Duration.between(attempts.get(index).time(), attempts.get(index + 1).time()).toMillis() / 1000.0;
    }

    @Test
    void aRateLimitHoldsEveryLoginUntilTheWaitIsOver() throws Exception {
        start("2026-11-16T10:00", simulator -> simulator.withTokenLifetime(Duration.ofMinutes(1)).withOtpRateLimit(1));
        fixture.settings = fixture.settings.withLoginWindow(LoginHours.ALWAYS);
        fixture.service.start();
        fixture.time.advance(Duration.ofSeconds(90)); // logs in, the token dies, the next OTP is refused
        Attempt limited = fixture.attempts().getLast();
        assertThat(limited.failedWith(FailureKind.RATE_LIMITED)).isTrue();
        long dialogsThen = fixture.simulator.counters().requests(LoginStep.DIALOG);

        fixture.time.advanceTo(limited.time().plus(Duration.ofMinutes(10)).minusSeconds(1));
        assertThat(fixture.simulator.counters().requests(LoginStep.DIALOG)).as("nothing reached Upstox").isEqualTo(dialogsThen);

        fixture.time.advance(Duration.ofSeconds(2));
        assertThat(fixture.attempts().getLast().succeeded()).isTrue();
    }

    @Test
    void aWrongPinIsTriedOnceWhateverHappensUntilTheCredentialsChange() throws Exception {
        start("2026-11-16T10:00");
        fixture.withCredentials(CredentialField.PIN, "111111");
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(fixture.service.state().plan()).isInstanceOf(Plan.Stopped.class);

        fixture.time.advance(Duration.ofDays(3)); // window openings, ready-by checks
        fixture.time.sleep(Duration.ofHours(8));
        fixture.time.advance(Duration.ofMinutes(5));
        for (Trigger trigger : List.of(Trigger.AUTOMATIC, Trigger.ON_DEMAND, Trigger.MANUAL)) { // `token`, an unconfirmed `refresh`
            assertThat(refusal(trigger)).isEqualTo(FailureKind.CREDENTIALS);
        }
        fixture.service.renewNow(java.util.Optional.empty());
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(fixture.events).anyMatch(event -> event instanceof RenewalEvent.NotReady);

        fixture.withCredentials(); // corrected
        fixture.service.replan();
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(2);
        assertThat(fixture.service.state().tokenState().usable()).isTrue();
    }

    private FailureKind refusal(Trigger trigger) {
        try {
            fixture.renewal.renewer().renew(trigger, java.util.Optional.empty(), step -> {});
            return null;
        } catch (LoginRefusedException e) {
            return e.refusal().kind();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theTraderCanConfirmARetryOfRejectedCredentials() throws Exception {
        start("2026-11-16T10:00");
        fixture.withCredentials(CredentialField.PIN, "111111");
        fixture.service.start();
        fixture.time.runDue();
        fixture.service.renewNow(fixture.service.state().rejectionId());
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(2);
    }

    @Test
    void noValidTokenByTheReadyByTimeRaisesOneUrgentAlertADay() throws Exception {
        start("2026-11-16T07:00");
        fixture.simulator.faults().inject(FaultRule.always(LoginStep.PIN, new Fault.BotWall()));
        fixture.service.start();
        fixture.time.advanceTo(ist("2026-11-16T08:44"));
        assertThat(fixture.events).noneMatch(event -> event instanceof RenewalEvent.NotReady);

        fixture.time.advanceTo(ist("2026-11-16T08:46"));
        assertThat(fixture.events).filteredOn(event -> event instanceof RenewalEvent.NotReady).hasSize(1)
                .first().satisfies(event -> assertThat(((RenewalEvent.NotReady) event).why()).contains("bot protection"));

        fixture.time.advanceTo(ist("2026-11-16T20:00"));
        assertThat(fixture.events).filteredOn(event -> event instanceof RenewalEvent.NotReady).hasSize(1);
        assertThat(fixture.attempts()).as("blocked: no retry the same day").hasSize(1);
    }

    @Test
    void aBlockedLoginStopsForTheDayThenTriesAgain() throws Exception {
        start("2026-11-16T10:00");
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_VERIFY, new Fault.BotWall()));
        fixture.service.start();
        fixture.time.advanceTo(ist("2026-11-17T05:29"));
        assertThat(fixture.attempts()).hasSize(1);
        fixture.time.advanceTo(ist("2026-11-17T05:31"));
        assertThat(fixture.attempts()).hasSize(2).last().matches(Attempt::succeeded);
    }

    @Test
    void aTokenAnotherProcessStoredShowsWithinAMinute() throws Exception {
        start("2026-11-16T10:00");
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.BotWall()));
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.service.state().tokenState().usable()).as("blocked until tomorrow").isFalse();

        fixture.renewal.renewer().renew(Trigger.MANUAL, java.util.Optional.empty(), step -> {}); // `refresh` in another process
        fixture.time.advance(RenewalSchedule.WATCH_INTERVAL);

        assertThat(fixture.service.state().tokenState().usable()).isTrue();
        assertThat(fixture.logins()).isEqualTo(1);
    }

    @Test
    void aChangeAnotherProcessMadeShowsWithinMomentsNotAtTheNextMinute() throws Exception {
        start("2026-11-16T10:00");
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.BotWall()));
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.service.state().tokenState().usable()).as("blocked until tomorrow").isFalse();

        // `refresh` in another process: its own renewal on the same keychain and state folder.
        fixture.otherProcess(dev.tokentray.vault.Profile.DEFAULT).renewer()
                .renew(Trigger.MANUAL, java.util.Optional.empty(), step -> {});

        // The watch hears the other process's mark on its own thread, and plans after a moment's settling.
        dev.tokentray.testsupport.Poll.until("the service to show the other process's token", Duration.ofSeconds(10),
                () -> {
                    fixture.time.advance(RenewalSchedule.SETTLE);
                    return fixture.service.state().tokenState().usable();
                });
        assertThat(fixture.time.now()).isBefore(ist("2026-11-16T10:00").plus(RenewalSchedule.WATCH_INTERVAL));
        assertThat(fixture.logins()).isEqualTo(1);
    }

    @Test
    void startedAfterTheReadyByTimeALoginThatSucceedsRaisesNoAlert() throws Exception {
        start("2026-11-16T09:00"); // the demo, started after 08:45
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMillis(500))));
        fixture.service.start();
        fixture.time.advance(Duration.ofMinutes(30));
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(fixture.events).noneMatch(event -> event instanceof RenewalEvent.NotReady);
    }

    @Test
    void aLockedKeychainIsReportedAndTheRenewalGoesOnOnceItIsUnlocked() throws Exception {
        start("2026-11-16T10:00");
        fixture.keychain.lock();
        fixture.service.start();
        fixture.time.advance(Duration.ofMinutes(3));
        assertThat(fixture.service.state().keychainProblem()).hasValueSatisfying(p -> assertThat(p).contains("locked"));
        assertThat(fixture.logins()).isZero();

        fixture.keychain.unlock();
        fixture.time.advance(RenewalSchedule.RETRY_AFTER_TROUBLE);
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(fixture.service.state().keychainProblem()).isEmpty();
    }

    @Test
    void aReadStoppedAsTheAppQuitsIsNoKeychainProblemToTell() throws Exception {
        start("2026-11-16T10:00");
        fixture.keychain.stopReads();
        fixture.service.start();
        fixture.time.advance(Duration.ZERO);

        assertThat(Thread.interrupted()).as("the read was stopped, and the thread told so").isTrue();
        assertThat(fixture.service.state().keychainProblem()).as("no 'Keychain locked' as the app quits").isEmpty();
        assertThat(fixture.logins()).isZero();
    }

    @Test
    void anExceptionInPlanningIsLoggedAndTheScheduleGoesOn() throws Exception {
        start("2026-11-16T10:00");
        RenewalSettings good = fixture.settings;
        fixture.settings = null; // the settings supplier hands out null: planning throws
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.logins()).isZero();

        fixture.settings = good;
        fixture.time.advance(RenewalSchedule.RETRY_AFTER_TROUBLE);
        assertThat(fixture.logins()).isEqualTo(1);
    }
}
