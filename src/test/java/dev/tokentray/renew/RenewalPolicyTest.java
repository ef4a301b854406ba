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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy as the pure function it is: a time, a token, past attempts and settings in, a plan out. */
class RenewalPolicyTest {
    private static final String REVISION = "rev-1";
    private final RenewalPolicy policy = new RenewalPolicy();
    private final RenewalSettings settings = RenewalSettings.DEFAULT;

    private static Optional<AccessToken> tokenIssuedAt(Instant issued) {
        return Optional.of(new AccessToken(Secret.of("t"), issued, TokenExpiry.nextDailyExpiry(issued), "U", "N"));
    }

    static Attempt failed(Instant at, FailureKind kind, String revision) {
        Optional<Duration> wait = kind == FailureKind.RATE_LIMITED ? Optional.of(Duration.ofMinutes(10)) : Optional.empty();
        Optional<CredentialField> field = kind == FailureKind.CREDENTIALS ? Optional.of(CredentialField.PIN) : Optional.empty();
        return new Attempt(at, "default", Trigger.AUTOMATIC, revision, Duration.ofMillis(200), List.of(),
                Optional.of(new LoginFailure(kind, LoginStep.PIN, "it failed.", field, wait)), Optional.empty(),
                Optional.empty());
    }

    /** The trader's browser login: its token dies at the next 03:30, like any. */
    static Attempt browserLogin(Instant at) {
        return new Attempt(at, "default", Trigger.BROWSER, REVISION, Duration.ofMillis(90), List.of(), Optional.empty(),
                Optional.of(TokenExpiry.nextDailyExpiry(at)), Optional.empty());
    }

    private Plan plan(Instant now, Optional<AccessToken> token, List<Attempt> attempts) {
        return policy.plan(now, token, attempts, REVISION, settings);
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
        assertThat(policy.plan(ist("2026-11-17T00:10"), Optional.empty(), List.of(), REVISION,
                settings.withLoginWindow(LoginWindow.ALWAYS))).isEqualTo(new Plan.RenewAt(ist("2026-11-17T00:10")));
    }

    @Test
    void transientFailuresBackOffExponentiallyWithJitterUpTo15Minutes() {
        List<Attempt> attempts = new ArrayList<>();
        Instant at = ist("2026-11-17T09:00");
        long[] baseSeconds = {30, 60, 120, 240, 480, 900, 900, 900};
        for (long base : baseSeconds) {
            attempts.add(failed(at, FailureKind.TRANSIENT, REVISION));
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
        List<Attempt> attempts = List.of(failed(failedAt, FailureKind.RATE_LIMITED, REVISION));
        assertThat(plan(failedAt.plusSeconds(5), Optional.empty(), attempts)).isEqualTo(new Plan.RenewAt(ist("2026-11-17T09:10")));
        for (Trigger trigger : List.of(Trigger.AUTOMATIC, Trigger.ON_DEMAND, Trigger.MANUAL)) {
            assertThat(policy.refusal(trigger, true, failedAt.plusSeconds(599), attempts, REVISION, settings))
                    .hasValueSatisfying(refusal -> assertThat(refusal.message()).contains("09:10 IST"));
            assertThat(policy.refusal(trigger, false, failedAt.plusSeconds(600), attempts, REVISION, settings)).isEmpty();
        }
    }

    @Test
    void rejectedCredentialsStopEverythingUntilTheyChangeOrTheTraderConfirms() {
        List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), FailureKind.CREDENTIALS, REVISION));
        Instant muchLater = ist("2026-11-27T09:00");
        assertThat(plan(muchLater, Optional.empty(), attempts)).isInstanceOf(Plan.Stopped.class);
        assertThat(policy.refusal(Trigger.AUTOMATIC, true, muchLater, attempts, REVISION, settings)).isPresent();
        assertThat(policy.refusal(Trigger.ON_DEMAND, true, muchLater, attempts, REVISION, settings)).isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, false, muchLater, attempts, REVISION, settings)).isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, true, muchLater, attempts, REVISION, settings)).isEmpty();

        assertThat(policy.plan(muchLater, Optional.empty(), attempts, "rev-2", settings)).isEqualTo(new Plan.RenewAt(muchLater));
        assertThat(plan(ist("2026-11-17T09:05"), tokenIssuedAt(ist("2026-11-17T06:00")), attempts))
                .as("stopped while the token lasts, so that the trader hears in time").isInstanceOf(Plan.Stopped.class);
        assertThat(policy.refusal(Trigger.AUTOMATIC, false, muchLater, attempts, "rev-2", settings)).isEmpty();
    }

    @Test
    void aRejectedTestOfOtherCredentialsNeitherLiftsNorCausesAStop() {
        Instant then = ist("2026-11-17T09:00");
        Attempt storedRejected = failed(then, FailureKind.CREDENTIALS, REVISION);
        Attempt testRejected = failed(then.plusSeconds(60), FailureKind.CREDENTIALS, "tested-not-saved");
        assertThat(plan(then.plusSeconds(61), Optional.empty(), List.of(storedRejected, testRejected)))
                .as("the stored credentials stay stopped").isInstanceOf(Plan.Stopped.class);
        assertThat(plan(then.plusSeconds(61), Optional.empty(), List.of(testRejected)))
                .as("the stored ones were never rejected").isEqualTo(new Plan.RenewAt(then.plusSeconds(61)));
    }

    @Test
    void aBlockedOrChangedLoginWaitsForTheNextDayButNotForTheTrader() {
        for (FailureKind kind : List.of(FailureKind.BLOCKED, FailureKind.PROTOCOL_CHANGED)) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind, REVISION));
            assertThat(plan(ist("2026-11-17T09:01"), Optional.empty(), attempts))
                    .isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
            assertThat(policy.refusal(Trigger.ON_DEMAND, false, ist("2026-11-17T20:00"), attempts, REVISION, settings))
                    .hasValueSatisfying(refusal -> assertThat(refusal.kind()).isEqualTo(kind));
            assertThat(policy.refusal(Trigger.MANUAL, false, ist("2026-11-17T20:00"), attempts, REVISION, settings)).isEmpty();
            assertThat(policy.refusal(Trigger.ON_DEMAND, false, ist("2026-11-18T05:30"), attempts, REVISION, settings)).isEmpty();
        }
    }

    @Test
    void noStopHoldsABrowserLogin() {
        for (FailureKind kind : FailureKind.values()) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind, REVISION));
            assertThat(policy.refusal(Trigger.BROWSER, false, ist("2026-11-17T09:01"), attempts, REVISION, settings))
                    .as(kind.name()).isEmpty();
        }
    }

    @Test
    void afterABlockedLoginTheBrowserTokenLastsAndTheAutomaticLoginTriesAgainTheNextDayAndSaysSo() {
        for (FailureKind kind : List.of(FailureKind.BLOCKED, FailureKind.PROTOCOL_CHANGED)) {
            List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), kind, REVISION),
                    browserLogin(ist("2026-11-17T09:05")));
            assertThat(plan(ist("2026-11-17T09:06"), tokenIssuedAt(ist("2026-11-17T09:05")), attempts))
                    .isEqualTo(new Plan.WaitForExpiry(ist("2026-11-18T03:30"), ist("2026-11-18T05:30"), Optional.of(
                            "Logged in with the browser; the automatic login tries again at 05:30 IST (18 Nov).")));
            assertThat(plan(ist("2026-11-18T04:00"), tokenIssuedAt(ist("2026-11-17T09:05")), attempts))
                    .isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
            assertThat(policy.refusal(Trigger.AUTOMATIC, false, ist("2026-11-18T05:30"), attempts, REVISION, settings))
                    .isEmpty();
        }
    }

    @Test
    void aBrowserLoginAfterMidnightBringsTheAutomaticLoginBackWhenItsTokenDiesNotADayLater() {
        // Blocked by hand at 00:30: alone, it would wait for the window of the day after (18 Nov).
        List<Attempt> blocked = List.of(failed(ist("2026-11-17T00:30"), FailureKind.BLOCKED, REVISION));
        assertThat(plan(ist("2026-11-17T04:00"), Optional.empty(), blocked)).isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));

        List<Attempt> attempts = List.of(blocked.getFirst(), browserLogin(ist("2026-11-17T00:35")));
        assertThat(plan(ist("2026-11-17T00:36"), tokenIssuedAt(ist("2026-11-17T00:35")), attempts))
                .isEqualTo(new Plan.WaitForExpiry(ist("2026-11-17T03:30"), ist("2026-11-17T05:30"), Optional.of(
                        "Logged in with the browser; the automatic login tries again at 05:30 IST (17 Nov).")));
        assertThat(plan(ist("2026-11-17T04:00"), tokenIssuedAt(ist("2026-11-17T00:35")), attempts))
                .isEqualTo(new Plan.RenewAt(ist("2026-11-17T05:30")));
        assertThat(policy.refusal(Trigger.ON_DEMAND, false, ist("2026-11-17T05:30"), attempts, REVISION, settings)).isEmpty();
    }

    @Test
    void rejectedCredentialsStayStoppedAfterABrowserLoginWhichSaysWhatItBrought() {
        List<Attempt> attempts = List.of(failed(ist("2026-11-17T09:00"), FailureKind.CREDENTIALS, REVISION),
                browserLogin(ist("2026-11-17T09:05")));
        Optional<AccessToken> token = tokenIssuedAt(ist("2026-11-17T09:05"));

        Plan meanwhile = plan(ist("2026-11-17T09:06"), token, attempts);
        assertThat(meanwhile).isInstanceOfSatisfying(Plan.Stopped.class, stopped -> {
            assertThat(stopped.credentialsRejected()).isTrue();
            assertThat(stopped.why()).contains("it failed.", "Logged in with the browser: the token is valid until"
                    + " 03:30 IST (18 Nov), but the automatic login stays stopped until the credentials are corrected.");
        });
        assertThat(plan(ist("2026-11-18T06:00"), token, attempts)).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> assertThat(stopped.why()).doesNotContain("browser"));
        assertThat(policy.refusal(Trigger.AUTOMATIC, false, ist("2026-11-18T06:00"), attempts, REVISION, settings)).isPresent();
        assertThat(policy.refusal(Trigger.MANUAL, false, ist("2026-11-18T06:00"), attempts, REVISION, settings)).isPresent();
    }

    @Test
    void aFailedBrowserLoginNeitherLiftsNorCausesAStop() {
        Attempt browserFailed = new Attempt(ist("2026-11-17T09:05"), "default", Trigger.BROWSER, REVISION,
                Duration.ofMillis(90), List.of(), failed(ist("2026-11-17T09:05"), FailureKind.CREDENTIALS, REVISION).failure(),
                Optional.empty(), Optional.empty());
        List<Attempt> blocked = List.of(failed(ist("2026-11-17T09:00"), FailureKind.BLOCKED, REVISION), browserFailed);
        assertThat(plan(ist("2026-11-17T09:06"), Optional.empty(), blocked)).isEqualTo(new Plan.RenewAt(ist("2026-11-18T05:30")));
        assertThat(plan(ist("2026-11-17T09:06"), Optional.empty(), List.of(browserFailed)))
                .isEqualTo(new Plan.RenewAt(ist("2026-11-17T09:06")));
    }

    @Test
    void automaticRenewalCanBeSwitchedOff() {
        RenewalSettings off = settings.withAutomatic(false);
        assertThat(policy.plan(ist("2026-11-17T09:00"), Optional.empty(), List.of(), REVISION, off)).isEqualTo(new Plan.Off());
    }

    @Test
    void notReadyFromTheReadyByTimeWithoutAUsableToken() {
        assertThat(policy.notReady(ist("2026-11-17T08:44"), Optional.empty(), settings)).isFalse();
        assertThat(policy.notReady(ist("2026-11-17T08:45"), Optional.empty(), settings)).isTrue();
        assertThat(policy.notReady(ist("2026-11-17T08:45"), tokenIssuedAt(ist("2026-11-17T06:00")), settings)).isFalse();
        assertThat(policy.notReady(ist("2026-11-17T08:45"), tokenIssuedAt(ist("2026-11-16T06:00")), settings)).isTrue();
    }
}
