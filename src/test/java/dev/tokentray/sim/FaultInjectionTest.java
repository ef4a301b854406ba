package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.upstox.LoginStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private UpstoxSimulator simulator;
    private LoginScript login;

    @BeforeEach
    void start() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withFaultSeed(42));
        login = new LoginScript(simulator, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void statusFaultAnswersThatStatusWithNoBody() {
        simulator.faults().inject(FaultRule.parse("otp_generate=503"));
        login.openDialog();

        HttpResponse<String> answer = login.generateOtp();

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).isEmpty();
        assertThat(simulator.counters().requests(LoginStep.OTP_GENERATE)).isEqualTo(1);
        assertThat(simulator.counters().count(SimulatorCounters.Event.OTP_GENERATIONS)).isZero();
    }

    @Test
    void resetFaultClosesTheConnectionWithoutAnAnswer() {
        simulator.faults().inject(FaultRule.parse("token_exchange=reset"));

        assertThatThrownBy(() -> login.exchange("any-code")).isInstanceOf(UncheckedIOException.class);
        assertThat(simulator.counters().count(SimulatorCounters.Event.CODE_EXCHANGES)).isZero();
    }

    @Test
    void botWallFaultAnswersAnHtmlPageWith200() {
        simulator.faults().inject(FaultRule.parse("pin=html"));

        HttpResponse<String> answer = login.submitPinV4(SimulatedAccount.DEFAULT_PIN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(answer.body()).contains("Access Denied");
        assertThat(simulator.counters().count(SimulatorCounters.Event.PIN_ATTEMPTS)).isZero();
    }

    @Test
    void delayFaultAnswersRightAfterThePause() {
        simulator.faults().inject(FaultRule.parse("dialog=delay:300ms*1"));

        long started = System.nanoTime();
        HttpResponse<String> answer = login.openDialog();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(answer.statusCode()).isEqualTo(302);
    }

    @Test
    void countedFaultHitsTheNextRequestsOnly() {
        simulator.faults().inject(FaultRule.parse("dialog=429*2"));

        assertThat(IntStream.range(0, 3).map(i -> login.openDialog().statusCode()))
                .containsExactly(429, 429, 302);
    }

    @Test
    void probableFaultHitsAboutThatShareOfRequests() {
        simulator.faults().inject(FaultRule.parse("dialog=503@10%"));

        long faulted = IntStream.range(0, 300).filter(i -> login.openDialog().statusCode() == 503).count();

        assertThat(faulted).isBetween(15L, 45L);
    }

    @Test
    void aNewRuleReplacesTheStepsOldOneAndClearingEndsAll() {
        simulator.faults().inject(FaultRule.always(LoginStep.DIALOG, new Fault.Status(503)));
        simulator.faults().inject(FaultRule.always(LoginStep.DIALOG, new Fault.Status(403)));
        assertThat(login.openDialog().statusCode()).isEqualTo(403);

        simulator.faults().clear();

        assertThat(login.openDialog().statusCode()).isEqualTo(302);
    }

    @Test
    void faultsHitOnlyTheirStep() {
        simulator.faults().inject(FaultRule.parse("authorize=503"));

        assertThat(login.openDialog().statusCode()).isEqualTo(302);
    }
}
