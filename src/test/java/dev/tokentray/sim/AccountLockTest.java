package dev.tokentray.sim;

import static dev.tokentray.sim.LoginScript.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AccountLockTest extends DefaultSimulatorTest {
    @Test
    void wrongPinsCountDownAndTheFifthLocksTheAccount() {
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            JsonNode error = Browser.json(login.submitPinV4("000000")).path("error");
            assertThat(error.path("code").asText()).isEqualTo("1017106");
            assertThat(error.path("message").asText()).isEqualTo("Incorrect PIN. " + attemptsLeft + " attempts left");
        }
        JsonNode fifth = Browser.json(login.submitPinV4("000000")).path("error");
        assertThat(fifth.path("code").asText()).isEqualTo("SIM-ACCOUNT-LOCKED");
        assertThat(fifth.path("message").asText()).contains("locked");

        JsonNode rightPinTooLate = Browser.json(login.submitPinV4(SimulatedAccount.DEFAULT_PIN)).path("error");
        assertThat(rightPinTooLate.path("code").asText()).isEqualTo("SIM-ACCOUNT-LOCKED");
        assertThat(simulator.counters().count(SimulatorCounters.Event.PIN_ATTEMPTS))
                .as("a locked account checks no PIN").isEqualTo(5);
    }

    @Test
    void wrongTotpsCountDownAndTheFifthLocksTheAccount() {
        String otpToken = login.startOtp();

        for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
            JsonNode error = Browser.json(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, "000000")).path("error");
            assertThat(error.path("message").asText()).isEqualTo("Invalid OTP. " + attemptsLeft + " attempts left");
        }
        assertThat(Browser.json(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, "000000"))
                .path("error").path("code").asText()).isEqualTo("SIM-ACCOUNT-LOCKED");
        assertThat(Browser.json(login.generateOtp()).path("error").path("code").asText())
                .as("a locked account starts no OTP session").isEqualTo("SIM-ACCOUNT-LOCKED");
    }

    @Test
    void aRightPinStartsTheCountAgain() {
        for (int i = 0; i < 4; i++) {
            assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));
            login.submitPinV4("000000");
        }
        assertSuccess(login.submitPinV4(SimulatedAccount.DEFAULT_PIN));

        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));
        assertThat(Browser.json(login.submitPinV4("000000")).path("error").path("message").asText())
                .isEqualTo("Incorrect PIN. 4 attempts left");
    }

    @Test
    void aPinSentWithoutBase64IsAWrongPin() {
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));

        JsonNode answer = Browser.json(login.browser.postJson(LoginScript.PIN_V4 + "?client_id="
                + SimulatedAccount.DEFAULT_CLIENT_ID + "&redirect_uri=" + LoginScript.encoded(SimulatedAccount.DEFAULT_REDIRECT_URI),
                """
                {"data":{"twoFAMethod":"SECRET_PIN","inputText":"123456","profileId":700001}}""",
                "X-Profile-Id", "700001", "X-User-Id", "SIM001"));

        assertThat(answer.path("error").path("code").asText()).isEqualTo("1017106");
    }
}
