package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Endpoint;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.TokenCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renewal service asks Upstox whether its token still works, on virtual time, against the
 * simulator over HTTP. 16 Nov 2026 is a Monday.
 */
class ValidityChecksTest {
    @TempDir
    Path state;

    private RenewalFixture fixture;
    /** When each check happened, and what Upstox said. */
    private final List<Instant> checkedAt = new CopyOnWriteArrayList<>();
    private final List<TokenCheck.Verdict> verdicts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RenewalFixture start(String istTime, UnaryOperator<RenewalSettings> settings) throws Exception {
        fixture = new RenewalFixture(state, ist(istTime), UnaryOperator.identity(), RenewalFixture.UNHURRIED)
                .withCredentials();
        fixture.settings = settings.apply(fixture.settings);
        fixture.service.addListener(new RenewalListener() {
            @Override
            public void event(RenewalEvent event) {
                if (event instanceof RenewalEvent.TokenChecked checked) {
                    checkedAt.add(fixture.time.now());
                    verdicts.add(checked.result().verdict());
                }
            }
        });
        fixture.service.start();
        fixture.time.runDue();
        return fixture;
    }

    private long profileRequests() {
        return fixture.simulator.counters().requests(Endpoint.PROFILE);
    }

    @Test
    void aRevokedTokenIsMarkedAtTheNextCheckAndRenewedOnce() throws Exception {
        start("2026-11-16T09:55", UnaryOperator.identity());
        assertThat(fixture.logins()).isEqualTo(1);
        fixture.time.advanceTo(ist("2026-11-16T10:12"));
        assertThat(verdicts).containsExactly(TokenCheck.Verdict.ALIVE); // 10:10

        fixture.simulator.revokeAllTokens(); // the trader changed the static IP at 10:12
        fixture.time.advanceTo(ist("2026-11-16T10:25:01"));

        assertThat(verdicts).containsExactly(TokenCheck.Verdict.ALIVE, TokenCheck.Verdict.DEAD);
        assertThat(fixture.events).filteredOn(RenewalEvent.Revoked.class::isInstance).hasSize(1);
        assertThat(fixture.logins()).as("renewed at once, in the login window").isEqualTo(2);
        assertThat(fixture.attempts().getLast().time()).isEqualTo(ist("2026-11-16T10:25"));
        assertThat(fixture.service.state().tokenState()).isEqualTo(TokenState.VALID);
        assertThat(fixture.vault.token().orElseThrow().revokedAt()).as("the new token").isEmpty();

        fixture.time.advanceTo(ist("2026-11-16T12:00"));
        assertThat(fixture.logins()).as("and only once").isEqualTo(2);
        assertThat(verdicts.subList(2, verdicts.size())).containsOnly(TokenCheck.Verdict.ALIVE).hasSize(6); // 10:40 ... 11:55
    }

    @Test
    void checksComeAtStartThenWithinTheMarketsHoursOnWeekdaysOnly() throws Exception {
        start("2026-11-20T15:00", UnaryOperator.identity()); // Friday; the login happens at start, then the check
        fixture.time.advanceTo(ist("2026-11-23T09:50")); // Monday

        assertThat(checkedAt).containsExactly(ist("2026-11-20T15:15"), ist("2026-11-23T09:00"), ist("2026-11-23T09:15"),
                ist("2026-11-23T09:30"), ist("2026-11-23T09:45"));
        assertThat(fixture.logins()).as("a token a day, Saturday to Monday").isEqualTo(4);
    }

    @Test
    void theTokenIsCheckedAtStartAndAfterAWake() throws Exception {
        start("2026-11-16T10:00", UnaryOperator.identity());
        fixture.time.advance(Duration.ofMinutes(2));
        fixture.service.replan(); // the token is read; a new service would check it at start:
        RenewalSchedule second = fixture.renewal.service(fixture.time, fixture.time::nanoTime);
        long before = profileRequests();
        second.start();
        fixture.time.runDue();
        assertThat(profileRequests()).as("a service starting with a stored token checks it").isEqualTo(before + 1);

        fixture.time.sleep(Duration.ofHours(2));
        fixture.time.advance(RenewalSchedule.WATCH_INTERVAL);
        assertThat(profileRequests()).as("each service checks once after the wake").isEqualTo(before + 3);
    }

    @Test
    void aCheckThatGetsNoAnswerMarksNothingAndLogsNothingIn() throws Exception {
        start("2026-11-16T10:00", UnaryOperator.identity());
        fixture.simulator.close(); // the network is down

        fixture.time.advanceTo(ist("2026-11-16T10:31"));

        assertThat(verdicts).containsExactly(TokenCheck.Verdict.UNKNOWN, TokenCheck.Verdict.UNKNOWN);
        assertThat(fixture.vault.token().orElseThrow().revokedAt()).isEmpty();
        assertThat(fixture.service.state().tokenState()).isEqualTo(TokenState.VALID);
        assertThat(fixture.attempts()).hasSize(1);
        assertThat(fixture.events).noneMatch(RenewalEvent.Revoked.class::isInstance);
    }

    @Test
    void offMeansNoCheckButOnDemand() throws Exception {
        start("2026-11-16T10:00", settings -> settings.withValidityCheck(
                new CheckSchedule(Optional.empty(), CheckSchedule.DEFAULT.hours())));
        fixture.time.advance(Duration.ofHours(2));
        assertThat(profileRequests()).isZero();

        fixture.service.checkNow();
        fixture.time.runDue();
        assertThat(verdicts).containsExactly(TokenCheck.Verdict.ALIVE);
        fixture.time.advance(Duration.ofHours(2));
        assertThat(profileRequests()).as("and no schedule after it").isEqualTo(1);
    }

    /** No stop is bypassed: a token revoked in the night is renewed when the login window opens, not before. */
    @Test
    void aTokenRevokedOutsideTheLoginWindowWaitsForIt() throws Exception {
        start("2026-11-16T00:30", settings -> settings.withLoginWindow(LoginHours.ALWAYS)
                .withValidityCheck(new CheckSchedule(Optional.of(Duration.ofMinutes(15)), LoginHours.ALWAYS)));
        assertThat(fixture.logins()).isEqualTo(1); // made at 00:30, it dies at 03:30 anyway
        fixture.settings = fixture.settings.withLoginWindow(LoginHours.DEFAULT);
        fixture.simulator.revokeAllTokens();

        fixture.time.advanceTo(ist("2026-11-16T00:46"));
        assertThat(fixture.service.state().tokenState()).isEqualTo(TokenState.REVOKED);
        assertThat(fixture.service.state().nextRenewal()).hasValue(ist("2026-11-16T05:30"));
        fixture.time.advanceTo(ist("2026-11-16T05:29"));
        assertThat(fixture.logins()).isEqualTo(1);
        fixture.time.advanceTo(ist("2026-11-16T05:31"));
        assertThat(fixture.logins()).isEqualTo(2);
    }
}
