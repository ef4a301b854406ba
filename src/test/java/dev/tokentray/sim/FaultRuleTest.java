package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.sim.FaultRule.Frequency;
import dev.tokentray.upstox.LoginStep;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultRuleTest {

    @Test
    void readsEachKindOfFault() {
        assertThat(FaultRule.parse("pin=html")).isEqualTo(FaultRule.always(LoginStep.PIN, new Fault.BotWall()));
        assertThat(FaultRule.parse("otp_verify=503"))
                .isEqualTo(FaultRule.always(LoginStep.OTP_VERIFY, new Fault.Status(503)));
        assertThat(FaultRule.parse("token_exchange=reset"))
                .isEqualTo(FaultRule.always(LoginStep.TOKEN_EXCHANGE, new Fault.ConnectionReset()));
        assertThat(FaultRule.parse("dialog=delay:5s"))
                .isEqualTo(FaultRule.always(LoginStep.DIALOG, new Fault.Delay(Duration.ofSeconds(5))));
        assertThat(FaultRule.parse("dialog=delay:250ms").fault()).isEqualTo(new Fault.Delay(Duration.ofMillis(250)));
        assertThat(FaultRule.parse("dialog=delay:2m").fault()).isEqualTo(new Fault.Delay(Duration.ofMinutes(2)));
        assertThat(FaultRule.parse("pin=unknown").fault()).isEqualTo(new Fault.UnknownError(200));
        assertThat(FaultRule.parse("otp_verify=unknown:404*1"))
                .isEqualTo(FaultRule.next(1, LoginStep.OTP_VERIFY, new Fault.UnknownError(404)));
    }

    @Test
    void readsHowOften() {
        assertThat(FaultRule.parse("otp_generate=503*3").frequency()).isEqualTo(new Frequency.Next(3));
        assertThat(FaultRule.parse("authorize=reset@10%").frequency()).isEqualTo(new Frequency.Probability(0.1));
        assertThat(FaultRule.parse("dialog=delay:5s*1"))
                .isEqualTo(FaultRule.next(1, LoginStep.DIALOG, new Fault.Delay(Duration.ofSeconds(5))));
    }

    @Test
    void ignoresCaseAndSurroundingSpace() {
        assertThat(FaultRule.parse(" PIN=HTML ")).isEqualTo(FaultRule.always(LoginStep.PIN, new Fault.BotWall()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pin", "pin=", "login=503", "pin=teapot", "pin=99", "pin=503*0", "pin=503@0%",
        "pin=503@150%", "pin=delay:5h", "pin=503*2@10%"})
    void refusesWhatItCannotRead(String spec) {
        assertThatThrownBy(() -> FaultRule.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTheStepsWhenTheStepIsUnknown() {
        assertThatThrownBy(() -> FaultRule.parse("login=503"))
                .hasMessageContaining("dialog, otp_generate, otp_verify, pin, authorize, token_exchange");
    }
}
