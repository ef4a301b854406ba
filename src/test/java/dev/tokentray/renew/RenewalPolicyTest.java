package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Stop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy as the pure function it is: a time, a token, past attempts and settings in, a plan out. */
class RenewalPolicyTest {
    private static final String STOP_ID = "a1b2c3d4e5f6";
    private final RenewalPolicy policy = new RenewalPolicy();
    private final RenewalSettings settings = RenewalSettings.DEFAULT;

    private static Optional<AccessToken> tokenIssuedAt(Instant issued) {
        return Optional.of(new AccessToken(Secret.of("t"), issued, TokenExpiry.nextDailyExpiry(issued), "U", "N"));
    }

    /** A failure; a rejection made its stop in the keychain. */
    static Attempt failed(Instant at, FailureKind kind) {
        return failed(at, kind, kind == FailureKind.CREDENTIALS ? Optional.of(STOP_ID) : Optional.empty());
    }

    static Attempt failed(Instant at, FailureKind kind, Optional<String> stopId) {
        Optional<Duration> wait = kind == FailureKind.RATE_LIMITED ? Optional.of(Duration.ofMinutes(10)) : Optional.empty();
        Optional<CredentialField> field = kind == FailureKind.CREDENTIALS ? Optional.of(CredentialField.PIN) : Optional.empty();
        return new Attempt(at, "default", Trigger.AUTOMATIC, Duration.ofMillis(200), List.of(),
                Optional.of(new LoginFailure(kind, LoginStep.PIN, "it failed.", field, wait)), Optional.empty(),
                Optional.empty(), stopId);
    }

    /** The stop of {@link #failed}'s rejection, as the keychain holds it while the PIN is the rejected one. */
    static Optional<Stop> stop(Instant at) {
        return Optional.of(new Stop(STOP_ID, Stop.Reason.REJECTED, Map.of(CredentialField.PIN, "fingerprint"), at,
                LoginStep.PIN, "Upstox rejected the PIN."));
    }

    /** The trader's browser login: its token dies at the next 03:30, like any. */
    static Attempt browserLogin(Instant at) {
        return new Attempt(at, "default", Trigger.BROWSER, Duration.ofMillis(90), List.of(), Optional.empty(),
                Optional.of(TokenExpiry.nextDailyExpiry(at)), Optional.empty(), Optional.empty());
    }

    private Plan plan(Instant now, Optional<AccessToken> token, List<Attempt> attempts) {
        return policy.plan(now, token, attempts, Optional.empty(), settings);
    }

    @Test
    void aUsableTokenIsNeverRenewedEvenMinutesBeforeItDies() {
        Instant now = ist("2026-11-17T03:10"); // 20 minutes left: EXPIRING, still not renewed
        Plan plan = plan(now, tokenIssuedAt(ist("2026-11-16T09:00")), List.of());
        assertThat(plan).isEqualTo(new Plan.WaitForExpiry(ist("2026-11-17T03:30"), ist("2026-11-17T05:30")));
    }

    @Test
    void aTokenIssuedAt0230DiesAt0330AndIsRenewedWhenTheWindowOpens() {
        Optional<AccessToken> token = tokenIssuedAt(ist("2026-11-17T02:30"));
        assertThat(plan(ist("2026-11-17T02:31"), token, List.of()))
                .isEqualTo(new Plan.WaitForExpiry(ist("2026-11-17T03:30"), ist("2026-11-17T05:30")));
        assertThat(plan(ist("2026-11-17T03:31"), token, List.of())).isEqualTo(new Plan.RenewAt(ist("2026-11-17T05:30")));
    }

    @Test
    void aMissingTokenIsRenewedAtOnceInsideTheWindowElseAtItsOpening() {
        assertThat(plan(ist("2026-11-17T09:00"), Optional.empty(), List.of())).isEqualTo(new Plan.RenewAt(ist("2026-11-17T09:00")));
        assertThat(plan(ist("2026-11-17T00:10"), Optional.empty(), List.of())).isEqualTo(new Plan.RenewAt(ist("2026-11-17T05:30")));
        assertThat(policy.plan(ist("2026-11-17T00:10"), Optional.empty(), List.of(), Optional.empty(),
                settings.withLoginWindow(LoginHours.ALWAYS))).isEqualTo(new Plan.RenewAt(ist("2026-11-17T00:10")));
    }

    @Test
    void transientFailuresBackOffExponentiallyWithJitterUpTo15Minutes() {
        List<Attempt> attempts = new ArrayList<>();
        Instant at = ist("2026-11-17T09:00");
        long[] baseSeconds = {30, 60, 120, 240, 480, 900, 900, 900};
        for (long base : baseSeconds) {
            attempts.add(failed(at, FailureKind.TRANSIENT));
            Instant next = ((Plan.RenewAt) plan(at, Optional.empty(), attempts)).at();
            long waited = Duration.between(at, next).toSeconds();
            assertThat(waited).isBetween((long) (base * 0.8), (long) (base * 1.2));
            at = next;
        }
    }

    @Test
    void theJitterIsTheSameForEveryoneWhoPlansAfterTheSameFailure() {
        Instant failedAt = ist("2026-11-17T09:00:00.123");
        assertThat(RenewalPolicy.backoff(1, failedAt)).isEqualTo(RenewalPolicy.backoff(1, failedAt));
        assertThat(RenewalPolicy.backoff(1, failedAt)).isNotEqualTo(RenewalPolicy.backoff(1, failedAt.plusMillis(1)));
    }

    @Test
    void aRateLimitWaitsAtLeastWhatUpstoxAsked() {
        Instant failedAt = ist("2026-11-17T09:00");
        List<Attempt> attempts = List.of(failed(failedAt, FailureKind.RATE_LIMITED));
        assertThat(plan(failedAt.plusSeconds(5), Optional.empty(), attempts)).isEqualTo(new Plan.RenewAt(ist("2026-11-17T09:10")));
        for (Trigger trigger : List.of(Trigger.AUTOMATIC, Trigger.ON_DEMAND, Trigger.MANUAL)) {
            assertThat(policy.refusal(trigger, Optional.of(STOP_ID), failedAt.plusSeconds(599), attempts, Optional.empty(),
                    settings)).hasValueSatisfying(refusal -> assertThat(refusal.message()).contains("09:10 IST"));
            assertThat(policy.refusal(trigger, Optional.empty(), failedAt.plusSeconds(600), attempts, Optional.empty(),
                    settings)).isEmpty();
        }
    }

    @Test
    void aStopHoldsEveryLoginUntilTheValuesChangeOrTheTraderConfirmsThatVeryRejection() {
        Instant rejectedAt = ist("2026-11-17T09:00");
        List<Attempt> attempts = List.of(failed(rejectedAt, FailureKind.CREDENTIALS));
        Optional<Stop> stop = stop(rejectedAt);
        Instant muchLater = ist("2027-03-27T09:00");
        assertThat(policy.plan(muchLater, Optional.empty(), attempts, stop, settings))
                .isEqualTo(new Plan.Stopped("A login at 09:00 IST (17 Nov) failed: Upstox rejected the PIN.",
                        Optional.of(STOP_ID)));
        Optional<String> confirmed = Optional.of(STOP_ID);
        assertThat(policy.refusal(Trigger.AUTOMATIC, confirmed, muchLater, attempts, stop, settings)).isPresent();
        assertThat(policy.refusal(Trigger.ON_DEMAND, confirmed, muchLater, attempts, stop, settings)).isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, Optional.empty(), muchLater, attempts, stop, settings))
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.kind()).isEqualTo(FailureKind.CREDENTIALS);
                    assertThat(refusal.rejectionId()).contains(STOP_ID);
                    assertThat(refusal.message()).endsWith("Until the credentials change, the app makes no login with them.");
                });
        assertThat(policy.refusal(Trigger.MANUAL, confirmed, muchLater, attempts, stop, settings)).isEmpty();
        assertThat(policy.refusal(Trigger.MANUAL, Optional.of("an-earlier-one"), muchLater, attempts, stop, settings))
                .as("a confirmation of a rejection another retry has replaced").hasValueSatisfying(refusal -> assertThat(
                        refusal.message()).contains("another retry has been rejected since: the app sent nothing"));

        assertThat(policy.plan(ist("2026-11-17T09:05"), tokenIssuedAt(ist("2026-11-17T06:00")), attempts, stop, settings))
                .as("stopped while the token lasts, so that the trader hears in time").isInstanceOf(Plan.Stopped.class);
        assertThat(plan(muchLater, Optional.empty(), attempts)).as("the values changed: the stop no longer holds")
                .isEqualTo(new Plan.RenewAt(muchLater));
        assertThat(policy.refusal(Trigger.AUTOMATIC, Optional.empty(), muchLater, attempts, Optional.empty(), settings))
                .isEmpty();
    }

    @Test
    void aRejectionWhoseStopTheKeychainCouldNotKeepStopsTheStoredValuesThroughTheHistory() {
        Instant rejectedAt = ist("2026-11-17T09:00");
        List<Attempt> attempts = List.of(failed(rejectedAt, FailureKind.CREDENTIALS, Optional.empty()));
        String id = "history-" + rejectedAt.toEpochMilli();

        assertThat(plan(rejectedAt.plusSeconds(60), Optional.empty(), attempts)).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> {
                    assertThat(stopped.rejectionId()).contains(id);
                    assertThat(stopped.why()).contains("it failed.", "could not keep this in the keychain");
                });
        assertThat(policy.refusal(Trigger.AUTOMATIC, Optional.empty(), rejectedAt.plusSeconds(60), attempts,
                Optional.empty(), settings)).isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, Optional.of(id), rejectedAt.plusSeconds(60), attempts,
                Optional.empty(), settings)).isEmpty();
        assertThat(policy.holdingRejection(attempts, Optional.empty())).contains(id);
        assertThat(policy.refusal(Trigger.MANUAL, Optional.empty(), rejectedAt.plusSeconds(60),
                RenewalPolicy.forOtherValues(attempts), Optional.empty(), settings))
                .as("it says nothing about other values").isEmpty();
    }

    @Test
    void aBlockedOrChangedLoginWaitsForTheNextDayButNotForTheTrader() {
        for (FailureKind kind : List.of(FailureKind.BLOCKED, FailureKind.PROTOCOL_CHANGED)) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind));
            assertThat(plan(ist("2026-11-17T09:01"), Optional.empty(), attempts))
                    .isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
            assertThat(refusal(Trigger.ON_DEMAND, ist("2026-11-17T20:00"), attempts))
                    .hasValueSatisfying(refusal -> assertThat(refusal.kind()).isEqualTo(kind));
            assertThat(refusal(Trigger.MANUAL, ist("2026-11-17T20:00"), attempts)).isEmpty();
            assertThat(refusal(Trigger.ON_DEMAND, ist("2026-11-18T05:30"), attempts)).isEmpty();
        }
    }

    @Test
    void noStopHoldsABrowserLogin() {
        for (FailureKind kind : FailureKind.values()) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind));
            assertThat(policy.refusal(Trigger.BROWSER, Optional.empty(), ist("2026-11-17T09:01"), attempts,
                    stop(ist("2026-11-17T09:00")), settings)).as(kind.name()).isEmpty();
        }
    }

    @Test
    void afterABlockedLoginTheBrowserTokenLastsAndTheAutomaticLoginTriesAgainTheNextDayAndSaysSo() {
        for (FailureKind kind : List.of(FailureKind.BLOCKED, FailureKind.PROTOCOL_CHANGED)) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind),
                    browserLogin(ist("2026-11-17T09:05")));
            assertThat(plan(ist("2026-11-17T09:06"), tokenIssuedAt(ist("2026-11-17T09:05")), attempts))
                    .isEqualTo(new Plan.WaitForExpiry(ist("2026-11-18T03:30"), ist("2026-11-18T05:30"), Optional.of(
                            "Logged in with the browser; the automatic login tries again at 05:30 IST (18 Nov).")));
            assertThat(plan(ist("2026-11-18T04:00"), tokenIssuedAt(ist("2026-11-17T09:05")), attempts))
                    .isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
            assertThat(refusal(Trigger.AUTOMATIC, ist("2026-11-18T05:30"), attempts)).isEmpty();
        }
    }

    @Test
    void aBrowserLoginAfterMidnightBringsTheAutomaticLoginBackWhenItsTokenDiesNotADayLater() {
        // Blocked by hand at 00:30: alone, it would wait for the window of the day after (18 Nov).
        List<Attempt> blocked = List.of(failed(ist("2026-11-17T00:30"), FailureKind.BLOCKED));
        assertThat(plan(ist("2026-11-17T04:00"), Optional.empty(), blocked)).isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));

        List<Attempt> attempts = List.of(blocked.getFirst(), browserLogin(ist("2026-11-17T00:35")));
        assertThat(plan(ist("2026-11-17T00:36"), tokenIssuedAt(ist("2026-11-17T00:35")), attempts))
                .isEqualTo(new Plan.WaitForExpiry(ist("2026-11-17T03:30"), ist("2026-11-17T05:30"), Optional.of(
                        "Logged in with the browser; the automatic login tries again at 05:30 IST (17 Nov).")));
        assertThat(plan(ist("2026-11-17T04:00"), tokenIssuedAt(ist("2026-11-17T00:35")), attempts))
                .isEqualTo(new Plan.RenewAt(ist("2026-11-17T05:30")));
        assertThat(refusal(Trigger.ON_DEMAND, ist("2026-11-17T05:30"), attempts)).isEmpty();
    }

    @Test
    void rejectedCredentialsStayStoppedAfterABrowserLoginWhichSaysWhatItBrought() {
        List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), FailureKind.CREDENTIALS),
                browserLogin(ist("2026-11-17T09:05")));
        Optional<AccessToken> token = tokenIssuedAt(ist("2026-11-17T09:05"));
        Optional<Stop> stop = stop(ist("2026-11-17T09:00"));

        Plan meanwhile = policy.plan(ist("2026-11-17T09:06"), token, attempts, stop, settings);
        assertThat(meanwhile).isInstanceOfSatisfying(Plan.Stopped.class, stopped -> {
            assertThat(stopped.credentialsRejected()).isTrue();
            assertThat(stopped.why()).contains("rejected the PIN.", "Logged in with the browser: the token is valid until"
                    + " 03:30 IST (18 Nov), but the automatic login stays stopped until the credentials are corrected.");
        });
        assertThat(policy.plan(ist("2026-11-18T06:00"), token, attempts, stop, settings))
                .isInstanceOfSatisfying(Plan.Stopped.class, stopped -> assertThat(stopped.why()).doesNotContain("browser"));
        assertThat(policy.refusal(Trigger.AUTOMATIC, Optional.empty(), ist("2026-11-18T06:00"), attempts, stop, settings))
                .isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, Optional.empty(), ist("2026-11-18T06:00"), attempts, stop, settings))
                .isPresent();
    }

    @Test
    void aFailedBrowserLoginNeitherLiftsNorCausesAStop() {
        Attempt browserFailed = new Attempt(ist("2026-11-17T09:05"), "default", Trigger.BROWSER,
                Duration.ofMillis(90), List.of(), failed(ist("2026-11-17T09:05"), FailureKind.CREDENTIALS).failure(),
                Optional.empty(), Optional.empty(), Optional.empty());
        List<Attempt> blocked = List.of(failed(ist("2026-11-17T09:00"), FailureKind.BLOCKED), browserFailed);
        assertThat(plan(ist("2026-11-17T09:06"), Optional.empty(), blocked)).isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
        assertThat(plan(ist("2026-11-17T09:06"), Optional.empty(), List.of(browserFailed)))
                .isEqualTo(new Plan.RenewAt(ist("2026-11-17T09:06")));
    }

    @Test
    void automaticRenewalCanBeSwitchedOff() {
        RenewalSettings off = settings.withAutomatic(false);
        assertThat(policy.plan(ist("2026-11-17T09:00"), Optional.empty(), List.of(), Optional.empty(), off))
                .isEqualTo(new Plan.Off());
    }

    private Optional<Refusal> refusal(Trigger trigger, Instant now, List<Attempt> attempts) {
        return policy.refusal(trigger, Optional.empty(), now, attempts, Optional.empty(), settings);
    }
}
