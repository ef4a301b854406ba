package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        List<AccessToken> tokens = callConcurrently(10, () -> fixture.renewal.renewer().validToken());
        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(tokens).hasSize(10).containsOnly(tokens.getFirst());
    }

    @Test
    void aRenewerThatWaitedForAnotherOnesLoginTakesItsTokenFromTheKeychain() throws Exception {
        // A second renewer on the same keychain and state folder: another process, as far as the lock goes.
        Renewer other = ProfileRenewal.of(fixture.vault,
                new UpstoxLoginClient(fixture.simulator.hosts(), RenewalFixture.QUICK, fixture.time.clock()), state,
                () -> fixture.settings, fixture.time.clock()).renewer();
        fixture.simulator.faults().inject(FaultRule.next(1, LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMillis(300))));

        AtomicInteger calls = new AtomicInteger();
        List<Renewal> renewals = callConcurrently(2, () -> (calls.getAndIncrement() == 0 ? fixture.renewal.renewer() : other)
                .renew(Trigger.MANUAL, java.util.Optional.empty(), LoginListener.NONE));

        assertThat(fixture.logins()).isEqualTo(1);
        assertThat(renewals).filteredOn(renewal -> renewal.login().isPresent()).hasSize(1);
        assertThat(renewals.get(0).token()).isEqualTo(renewals.get(1).token());
        assertThat(fixture.attempts()).hasSize(1);
    }

    private static <T> List<T> callConcurrently(int callers, Callable<T> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
