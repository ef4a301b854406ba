package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.testsupport.AtOnce;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One login at a time, on real threads, against the simulator over HTTP. */
class RenewerTest {
    @TempDir
    Path state;

    private RenewalFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RenewalFixture(state, ist("2026-11-16T10:00"), UnaryOperator.identity()).withCredentials();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void tenConcurrentCallsForATokenMakeOneLogin() throws Exception {
        // A slow exchange, so that all ten calls arrive while the one login runs.
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMillis(300))));
        List<AccessToken> tokens = AtOnce.call(Collections.nCopies(10, () -> fixture.renewal.renewer().validToken()));
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(tokens).hasSize(10).containsOnly(tokens.getFirst());
    }

    @Test
    void aRenewerThatWaitedForAnotherOnesLoginTakesItsTokenFromTheKeychain() throws Exception {
        // A second renewer on the same keychain and state folder: another process, as far as the lock goes.
        TokenFetcher other = RenewalWiring.of(fixture.vault,
                new UpstoxLoginClient(fixture.simulator.hosts(), RenewalFixture.QUICK, fixture.time.clock()), state,
                () -> fixture.settings, fixture.time.clock()).renewer();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMillis(300))));

        AtomicInteger calls = new AtomicInteger();
        List<FetchedToken> renewals = AtOnce.call(Collections.nCopies(2, () -> (calls.getAndIncrement() == 0
                ? fixture.renewal.renewer() : other).renew(Trigger.MANUAL, java.util.Optional.empty(), LoginListener.NONE)));

        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(renewals).filteredOn(renewal -> renewal.login().isPresent()).hasSize(1);
        assertThat(renewals.get(0).token()).isEqualTo(renewals.get(1).token());
        assertThat(fixture.attempts()).hasSize(1);
    }
}
