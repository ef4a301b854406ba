package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the urgent ready-by alert is raised, on a clock the test moves: only when it tells the truth. */
class ReadyByTest {
    private final MutableClock clock = new MutableClock(ist("2026-11-17T09:00"));
    private final RenewalSettings settings = RenewalSettings.DEFAULT; // ready by 08:45 IST

    private RenewalSnapshot state(Optional<AccessToken> token, Plan plan, Optional<Attempt> last) {
        return new RenewalSnapshot(Profile.DEFAULT, token, plan, last, Optional.empty(), true, Optional.empty(),
                Optional.empty(), Optional.empty(), clock.instant());
    }

    private ReadyBy.Verdict judge(Optional<AccessToken> token, Plan plan, Optional<Attempt> last) {
        return ReadyBy.judge(clock.instant(), state(token, plan, last), settings);
    }

    @Test
    void startedAfterTheReadyByTimeALoginAboutToSucceedRaisesNothingOneThatBringsNoTokenDoes() {
        Plan now = new Plan.RenewAt(clock.instant());

        assertThat(judge(Optional.empty(), now, Optional.empty()))
                .isEqualTo(new ReadyBy.Verdict.JudgeAgainAt(ist("2026-11-17T09:05")));

        clock.advance(ReadyBy.GRACE);
        assertThat(judge(Optional.empty(), now, Optional.empty())).isEqualTo(new ReadyBy.Verdict.Alert(
                ist("2026-11-17T08:45"), "The login planned for 09:00 IST today has not brought a token yet."));
    }

    @Test
    void beforeTheReadyByTimeItOnlyWaitsForIt() {
        clock.advance(Duration.ofHours(-2));
        assertThat(judge(Optional.empty(), new Plan.Stopped("Rejected."), Optional.empty()))
                .isEqualTo(new ReadyBy.Verdict.JudgeAgainAt(ist("2026-11-17T08:45")));
    }

    @Test
    void aLoginThatFailedTodayIsNewsAtTheReadyByTimeWithItsReasonAndTheNextTry() {
        clock.advance(Duration.ofMinutes(-15)); // 08:45
        Attempt failed = RenewalPolicyTest.failed(ist("2026-11-17T08:44:10"), FailureKind.TRANSIENT);

        assertThat(judge(Optional.empty(), new Plan.RenewAt(ist("2026-11-17T08:44:40")), Optional.of(failed)))
                .isEqualTo(new ReadyBy.Verdict.Alert(ist("2026-11-17T08:45"), "The last login, at 08:44 IST today,"
                        + " failed: it failed. The next login is planned for 08:44 IST today."));
    }

    @Test
    void aFailureOfAnEarlierDayIsNoNewsWhileTodaysLoginIsPlanned() {
        Attempt yesterday = RenewalPolicyTest.failed(ist("2026-11-16T22:00"), FailureKind.TRANSIENT);
        assertThat(judge(Optional.empty(), new Plan.RenewAt(clock.instant()), Optional.of(yesterday)))
                .isInstanceOf(ReadyBy.Verdict.JudgeAgainAt.class);
    }

    @Test
    void aLoginThatCannotHappenIsNewsAtOnce() {
        String why = "A login at 07:00 IST (17 Nov) failed: Upstox rejected the PIN.";
        assertThat(judge(Optional.empty(), new Plan.Stopped(why, Optional.of("a1")), Optional.empty()))
                .isEqualTo(new ReadyBy.Verdict.Alert(ist("2026-11-17T08:45"), why));
        assertThat(judge(Optional.empty(), new Plan.Off(), Optional.empty()))
                .isEqualTo(new ReadyBy.Verdict.Alert(ist("2026-11-17T08:45"), "Automatic renewal is off; renew by hand."));
    }

    @Test
    void aUsableTokenIsReadyAndAnExpiredOneIsNot() {
        AccessToken today = new AccessToken(Secret.of("t"), ist("2026-11-17T06:00"),
                TokenExpiry.nextDailyExpiry(ist("2026-11-17T06:00")), "U", "N");
        AccessToken yesterday = new AccessToken(Secret.of("t"), ist("2026-11-16T06:00"),
                TokenExpiry.nextDailyExpiry(ist("2026-11-16T06:00")), "U", "N");
        assertThat(judge(Optional.of(today), new Plan.Stopped("Rejected."), Optional.empty()))
                .isEqualTo(new ReadyBy.Verdict.Ready());
        assertThat(judge(Optional.of(yesterday), new Plan.Off(), Optional.empty()))
                .isInstanceOf(ReadyBy.Verdict.Alert.class);
    }

    @Test
    void everyTimeInItsWordsReadsLikeAClockInIst() {
        clock.advance(Duration.ofHours(10).plusMinutes(26)); // 19:26
        ReadyBy.Verdict verdict = judge(Optional.empty(), new Plan.RenewAt(ist("2026-11-17T19:20")), Optional.empty());
        assertThat(verdict).isInstanceOfSatisfying(ReadyBy.Verdict.Alert.class, alert -> assertThat(alert.why())
                .contains("19:20 IST").doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT|Z\\b"));
    }

    @Test
    void theReadyByTimeIsTodaysInIst() {
        Instant lateEvening = ist("2026-11-17T23:50");
        assertThat(ReadyBy.today(lateEvening, settings)).isEqualTo(ist("2026-11-17T08:45"));
    }
}
