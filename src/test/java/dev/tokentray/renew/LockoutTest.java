package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.testsupport.AtOnce;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockout suite's cases that run fastest in this JVM: each a way a rejected value could be
 * sent again, against the simulator over HTTP, counting the PIN and OTP requests that reach it.
 * "Another process" is a renewal of its own on the same keychain and state folder
 * ({@link RenewalFixture#otherProcess}); the packaged jar's processes are {@code LockoutIT}'s.
 */
class LockoutTest {
    private static final String WRONG_PIN = "111111";

    @TempDir
    Path state;

    private RenewalFixture fixture;
    private TokenFetcher renewer;

    @BeforeEach
    void start() throws Exception {
        fixture = new RenewalFixture(state, ist("2026-11-16T10:00"), UnaryOperator.identity());
        renewer = fixture.renewal.renewer();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private UpstoxCredentials wrongPin() {
        return fixture.credentials(CredentialField.PIN, WRONG_PIN);
    }

    private long pinRequests() {
        return fixture.simulator.counters().requests(LoginStep.PIN);
    }

    private long otpRequests() {
        return fixture.simulator.counters().requests(LoginStep.OTP_VERIFY);
    }

    /** A login Upstox rejected, as the failure of this very call (not a fault on the way). */
    private static LoginException rejected(Callable<?> call) {
        LoginException rejected = failsWith(LoginException.class, call);
        assertThat(rejected.failure().kind()).as(rejected.getMessage()).isEqualTo(FailureKind.CREDENTIALS);
        return rejected;
    }

    private static <T extends Throwable> T failsWith(Class<T> type, Callable<?> call) {
        T thrown = catchThrowableOfType(type, call::call);
        assertThat(thrown).as("a %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    @Test
    void aRejectedPinIsRefusedAfterTheSameValuesAreSavedAgainForgottenAndSetUpAgainOrStoredInAnotherProfile()
            throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        rejected(renewer::validToken);
        assertThat(fixture.pinAttempts()).isEqualTo(1);

        fixture.vault.saveCredentials(wrongPin());
        assertThat(failsWith(LoginRefusedException.class, renewer::validToken).refusal().kind())
                .isEqualTo(FailureKind.CREDENTIALS);
        fixture.vault.forget();
        fixture.vault.saveCredentials(wrongPin());
        failsWith(LoginRefusedException.class, renewer::validToken);
        failsWith(LoginRefusedException.class, () -> renewer.testAndSave(wrongPin(), Optional.empty(), LoginListener.NONE));

        RenewalWiring work = fixture.otherProcess(new Profile("work"));
        work.renewer().vault().saveCredentials(wrongPin());
        failsWith(LoginRefusedException.class, work.renewer()::validToken);
        assertThat(work.reader().read().plan()).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> assertThat(stopped.why()).contains("rejected the PIN"));
        assertThat(fixture.pinAttempts()).as("no PIN sent since the rejection").isEqualTo(1);
        assertThat(fixture.simulator.counters().requests(Endpoint.DIALOG)).as("no login even begun").isEqualTo(1);

        fixture.vault.saveCredentials(fixture.account().credentials()); // corrected
        assertThat(renewer.validToken()).isNotNull();
        assertThat(renewer.stopFor(wrongPin())).as("a login that works lifts the account's stops").isEmpty();
        assertThat(fixture.pinAttempts()).isEqualTo(2);
    }

    @Test
    void aRejectionOfUntestedValuesStopsThoseValuesAndASecondTestAsksForConfirmation() throws Exception {
        fixture.withCredentials();
        rejected(() -> renewer.testAndSave(wrongPin(), Optional.empty(), LoginListener.NONE));
        assertThat(fixture.vault.credentials()).as("the stored ones stay").contains(fixture.account().credentials());

        LoginRefusedException refused = failsWith(LoginRefusedException.class,
                () -> renewer.testAndSave(wrongPin(), Optional.empty(), LoginListener.NONE));
        assertThat(refused.refusal().rejectionId()).isPresent();
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(renewer.validToken()).as("the stored values were never rejected").isNotNull();

        rejected(() -> renewer.testAndSave(wrongPin(), refused.refusal().rejectionId(),
                LoginListener.NONE));
        assertThat(fixture.pinAttempts()).as("one confirmation, one login").isEqualTo(3);
    }

    @Test
    void anUnfamiliarAnswerAtTheOtpStepIsOneRequestThenStopped() throws Exception {
        fixture.withCredentials();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_VERIFY, new Fault.UnknownError(200)));

        LoginException unclear = rejected(renewer::validToken);

        assertThat(unclear.failure().unclear()).isTrue();
        assertThat(unclear.failure().field()).contains(CredentialField.TOTP_SECRET);
        failsWith(LoginRefusedException.class, renewer::validToken);
        fixture.service.start();
        fixture.time.advance(Duration.ofDays(2));
        assertThat(otpRequests()).isEqualTo(1);
        assertThat(pinRequests()).isZero();
        assertThat(fixture.service.state().plan()).isInstanceOfSatisfying(Plan.Stopped.class, stopped -> assertThat(
                stopped.why()).contains("answer the app does not know after the TOTP code was sent"));
    }

    /**
     * An unclear answer at the PIN step stops the right PIN; the trader's confirmation, given in
     * two places at once, sends it once: the other confirmation finds the stop gone and takes the
     * token the first one brought.
     */
    @Test
    void anUnfamiliarAnswerAtThePinStepIsOneRequestThenStoppedAndTwoConfirmedRetriesAtOnceSendItOnce()
            throws Exception {
        fixture.withCredentials();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.UnknownError(404)));
        assertThat(rejected(renewer::validToken).failure().unclear()).isTrue();
        failsWith(LoginRefusedException.class, renewer::validToken);
        assertThat(pinRequests()).as("one request, and no older version of the step").isEqualTo(1);

        String rejection = fixture.renewal.reader().read().rejectionId().orElseThrow();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofMillis(400))));
        TokenFetcher tray = renewer;
        TokenFetcher refresh = fixture.otherProcess(Profile.DEFAULT).renewer();
        List<FetchedToken> renewals = AtOnce.call(List.of(
                () -> tray.renew(Trigger.MANUAL, Optional.of(rejection), LoginListener.NONE),
                () -> refresh.renew(Trigger.MANUAL, Optional.of(rejection), LoginListener.NONE)));

        assertThat(pinRequests()).isEqualTo(2);
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(renewals).filteredOn(renewal -> renewal.login().isPresent()).hasSize(1);
        assertThat(renewals.get(0).token()).isEqualTo(renewals.get(1).token());
    }

    /**
     * A wrong PIN whose answers never arrive: the simulator checks it (and counts it towards the
     * lock) after a pause longer than the app waits, and the app meets only network faults. The
     * first is retried like any; the second in a row stops the PIN, as an unclear answer does.
     */
    @Test
    void aPinWhoseAnswerIsLostTwiceInARowIsStoppedAfterTwoRequests() throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        fixture.simulator.faults().inject(FaultRule.parse("pin=delay:3s"));
        fixture.service.start();
        fixture.time.advance(Duration.ofHours(2));

        assertThat(pinRequests()).as("one lost answer retried, the second stops the PIN").isEqualTo(2);
        List<Attempt> attempts = fixture.attempts();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.getFirst().failedWith(FailureKind.TRANSIENT)).isTrue();
        LoginFailure stopped = attempts.getLast().failure().orElseThrow();
        assertThat(stopped.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(stopped.unclear()).isTrue();
        assertThat(stopped.message()).contains("for the second login in a row").doesNotContain(WRONG_PIN);
        failsWith(LoginRefusedException.class, fixture.otherProcess(Profile.DEFAULT).renewer()::validToken);
        assertThat(pinRequests()).isEqualTo(2);
    }

    @Test
    void aSingleLostAnswerToTheRightPinIsRetriedAndStopsNothing() throws Exception {
        fixture.withCredentials();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofSeconds(3))));
        fixture.service.start();
        fixture.time.advance(Duration.ofMinutes(10));

        assertThat(pinRequests()).isEqualTo(2);
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(fixture.renewal.reader().read().rejectionId()).isEmpty();
    }

    @Test
    void twoConfirmedRetriesOfAWrongPinAtOnceSendItOnceAndTheOtherIsRefused() throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        rejected(renewer::validToken);
        String rejection = fixture.renewal.reader().read().rejectionId().orElseThrow();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofMillis(400))));
        TokenFetcher other = fixture.otherProcess(Profile.DEFAULT).renewer();

        List<Exception> outcomes = AtOnce.call(List.of(
                () -> catchThrowableOfType(Exception.class,
                        () -> renewer.renew(Trigger.MANUAL, Optional.of(rejection), LoginListener.NONE)),
                () -> catchThrowableOfType(Exception.class,
                        () -> other.renew(Trigger.MANUAL, Optional.of(rejection), LoginListener.NONE))));

        assertThat(outcomes).hasAtLeastOneElementOfType(LoginException.class)
                .hasAtLeastOneElementOfType(LoginRefusedException.class);
        assertThat(outcomes).filteredOn(LoginRefusedException.class::isInstance).first()
                .satisfies(refused -> assertThat(refused.getMessage()).contains("another retry has been rejected since"));
        assertThat(fixture.pinAttempts()).isEqualTo(2);
    }

    @Test
    void testAndSaveNeverJoinsARunningRenewalItWaitsThenSendsAndSavesItsOwnValues() throws Exception {
        fixture.withCredentials(CredentialField.CLIENT_SECRET, "not-the-secret");
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMillis(800))));
        try (ExecutorService thread = Executors.newFixedThreadPool(2)) {
            Future<Throwable> running = thread.submit(() -> catchThrowableOfType(LoginException.class, renewer::validToken));
            Poll.until("the renewal to wait at the token exchange", Duration.ofSeconds(10),
                    () -> fixture.simulator.counters().requests(LoginStep.TOKEN_EXCHANGE) == 1);

            Future<FetchedToken> tested = thread.submit(
                    () -> renewer.testAndSave(fixture.account().credentials(), Optional.empty(), LoginListener.NONE));
            assertThat(Poll.holdsFor(Duration.ofMillis(300),
                    () -> fixture.simulator.counters().requests(Endpoint.DIALOG) == 1))
                    .as("the test's login waits for the running one").isTrue();

            assertThat(running.get()).as("the renewal, with the stored values").isNotNull();
            assertThat(tested.get().login()).isPresent();
        }
        assertThat(fixture.simulator.counters().requests(Endpoint.DIALOG)).as("two logins, one after the other").isEqualTo(2);
        assertThat(fixture.vault.credentials()).contains(fixture.account().credentials());
        assertThat(fixture.attempts()).extracting(Attempt::succeeded).containsExactly(false, true);
    }

    @Test
    void withTheHistoryUnwritableNoAutomaticLoginHappensTheStopIsSaidAndARejectionIsStillKept() throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        Files.createDirectories(state.resolve("history.jsonl")); // no process can append to it, root neither

        fixture.service.start();
        fixture.time.advance(Duration.ofHours(6));

        assertThat(fixture.simulator.counters().requests(Endpoint.DIALOG)).as("no loop: no automatic login").isZero();
        assertThat(fixture.service.state().plan()).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> assertThat(stopped.why()).contains("login history", "cannot be written", "no automatic login"));

        rejected(renewer::validToken); // `token`, a script's own
        failsWith(LoginRefusedException.class, renewer::validToken);
        assertThat(fixture.attempts()).as("kept in memory").hasSize(1).allMatch(Attempt::rejected);
        fixture.time.advance(Duration.ofHours(6));
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(fixture.service.state().credentialsRejected()).isTrue();
    }

    @Test
    void aKeychainThatWillNotKeepTheNewTokenIsRecordedAndBacksOffLikeANetworkFault() throws Exception {
        fixture.withCredentials();
        fixture.keychain.refuseWrites(account -> account.endsWith("/token"));
        fixture.service.start();
        fixture.time.advance(Duration.ofHours(1));

        List<Attempt> attempts = fixture.attempts();
        assertThat(attempts).hasSizeBetween(5, 9).allMatch(a -> a.failedWith(FailureKind.TRANSIENT));
        assertThat(attempts.getFirst().failure().orElseThrow().message())
                .startsWith("Upstox gave a new token, but the keychain did not store it");
        assertThat(Duration.between(attempts.get(3).time(), attempts.get(4).time()))
                .isGreaterThan(Duration.between(attempts.get(0).time(), attempts.get(1).time()));
        assertThat(fixture.logins()).isEqualTo(attempts.size());
    }

    @Test
    void anUnexpectedFailureIsRecordedWithoutItsMessageAndBacksOff() throws Exception {
        fixture.withCredentials();
        fixture.keychain.breakWrites(account -> account.endsWith("/token"));
        fixture.service.start();
        fixture.time.advance(Duration.ofMinutes(10));

        List<Attempt> attempts = fixture.attempts();
        assertThat(attempts).hasSizeBetween(2, 5).allMatch(a -> a.failedWith(FailureKind.TRANSIENT));
        assertThat(attempts.getFirst().failure().orElseThrow().message())
                .contains("failed unexpectedly", "IllegalStateException").doesNotContain("123456");
    }

    @Test
    void aRejectionTheKeychainCannotKeepAsAStopStopsThroughTheHistoryUntilConfirmed() throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        fixture.keychain.refuseWrites(account -> account.startsWith("_stops/"));

        rejected(renewer::validToken);
        assertThat(fixture.attempts().getLast().stopId()).isEmpty();
        failsWith(LoginRefusedException.class, renewer::validToken);
        failsWith(LoginRefusedException.class, fixture.otherProcess(Profile.DEFAULT).renewer()::validToken);
        assertThat(fixture.pinAttempts()).isEqualTo(1);

        String rejection = fixture.renewal.reader().read().rejectionId().orElseThrow();
        rejected(() -> renewer.renew(Trigger.MANUAL, Optional.of(rejection), LoginListener.NONE));
        assertThat(fixture.pinAttempts()).isEqualTo(2);
    }

    @Test
    void aRejectionOlderThan90DaysStillStopsAndTheHistoryKeepsIt() throws Exception {
        fixture.vault.saveCredentials(wrongPin());
        rejected(renewer::validToken);

        fixture.time.sleep(Duration.ofDays(100));
        // Another profile's attempt: the history prunes what is older than 90 days.
        fixture.renewal.history().append(new Attempt(fixture.time.now(), "work", Trigger.AUTOMATIC, Duration.ofMillis(10),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

        failsWith(LoginRefusedException.class, renewer::validToken);
        fixture.service.start();
        fixture.time.advance(Duration.ofDays(1));
        assertThat(fixture.pinAttempts()).isEqualTo(1);
        assertThat(fixture.attempts()).hasSize(1).allMatch(Attempt::rejected);
        assertThat(fixture.service.state().credentialsRejected()).isTrue();
    }
}
