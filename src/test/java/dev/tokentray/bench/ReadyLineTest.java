package dev.tokentray.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadyLineTest {
    private static final String PLAN = "2026-11-21 23:54:01.116 Z INFO  [renewal] RenewalSchedule - Token of profile"
            + " 'default' valid until 2026-11-22T22:00:00Z; next login at 2026-11-23T00:00:00Z\n";
    private static final String READY = "2026-11-21 23:54:01.131 Z INFO  [JavaFX Application Thread] DesktopApp -"
            + " Ready: the tray shows the token state (VALID) 843 ms after the process started\n";

    @Test
    void theAppsOwnLineGivesItsFigureAndState() {
        ReadyLine.Ready ready = ReadyLine.find(PLAN + READY, false).orElseThrow();

        assertThat(ready.exact()).isTrue();
        assertThat(ready.appMillis()).isEqualTo(OptionalLong.of(843));
        assertThat(ready.state()).isEqualTo("VALID");
        assertThat(ready.loggedAt()).isEqualTo(Instant.parse("2026-11-21T23:54:01.131Z"));
    }

    @Test
    void theLineOfSeveralAccountsSaysHowMany() {
        ReadyLine.Ready ready = ReadyLine.find(READY.replace("(VALID) 843", "(EXPIRED) of 5 accounts, 843"), true)
                .orElseThrow();

        assertThat(ready.accounts()).isEqualTo(OptionalInt.of(5));
        assertThat(ready.state()).isEqualTo("EXPIRED");
        assertThat(ready.appMillis()).isEqualTo(OptionalLong.of(843));
        assertThat(ReadyLine.find(READY, true).orElseThrow().accounts()).isEmpty();
    }

    @Test
    void withoutItTheRenewalServicesFirstPlanLineStandsIn() {
        ReadyLine.Ready ready = ReadyLine.find("2026-11-21 23:54:00.001 Z INFO  [main] X - starting\n" + PLAN, false)
                .orElseThrow();

        assertThat(ready.exact()).isFalse();
        assertThat(ready.appMillis()).isEmpty();
        assertThat(ready.loggedAt()).isEqualTo(Instant.parse("2026-11-21T23:54:01.116Z"));
    }

    @Test
    void aPlannedLoginOrAStoppedRenewalAlsoTellTheState() {
        assertThat(ReadyLine.find("2026-11-21 23:54:01.116 +05:30 INFO  [renewal] RenewalSchedule - Next login of"
                + " profile 'default' at 2026-11-22T00:00:00Z\n", false).orElseThrow().loggedAt())
                .isEqualTo(Instant.parse("2026-11-21T18:24:01.116Z"));
        assertThat(ReadyLine.find("2026-11-21 23:54:01.116 Z WARN  [renewal] RenewalSchedule - Automatic renewal of"
                + " profile 'default' stopped: rejected\n", false)).isPresent();
    }

    @Test
    void anAppThatCannotTellItsStartWritesMinusOne() {
        ReadyLine.Ready ready = ReadyLine.find(READY.replace(" 843 ms", " -1 ms"), true).orElseThrow();

        assertThat(ready.exact()).isTrue();
        assertThat(ready.appMillis()).isEmpty();
    }

    @Test
    void askedForTheExactLineItWaitsForIt() {
        assertThat(ReadyLine.find(PLAN, true)).isEmpty();
        assertThat(ReadyLine.find(PLAN + READY, true)).isPresent();
        assertThat(ReadyLine.find("", false)).isEmpty();
    }
}
