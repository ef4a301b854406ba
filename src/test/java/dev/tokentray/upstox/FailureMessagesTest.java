package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every row of the protocol note's error table, and what the trader reads. */
class FailureMessagesTest {

    private static LoginFailure classify(LoginStep step, String code, String message) {
        return FailureMessages.classify(step, new UpstoxError(code, message), Optional.empty());
    }

    @ParameterizedTest(name = "{0} at {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "UDAPI100016 | TOKEN_EXCHANGE | Invalid Credentials                  | CREDENTIALS      | CLIENT_SECRET",
        "UDAPI100068 | DIALOG         | Check your client_id and redirect_uri | CREDENTIALS      | CLIENT_ID",
        "UDAPI100073 | DIALOG         | Your client_id is inactive           | CREDENTIALS      | CLIENT_ID",
        "UDAPI100057 | TOKEN_EXCHANGE | Invalid Auth code                    | TRANSIENT        |",
        "UDAPI10005  | OTP_GENERATE   | Too Many Request Sent                | RATE_LIMITED     |",
        "1017106     | PIN            | Incorrect PIN. 4 attempts left       | CREDENTIALS      | PIN",
        "1017001     | OTP_VERIFY     | Invalid OTP. 3 attempts left         | CREDENTIALS      | TOTP_SECRET",
        "1017069     | OTP_GENERATE   | Too many OTP requests                | RATE_LIMITED     |",
        "1017076     | OTP_VERIFY     | OTP session expired                  | TRANSIENT        |",
        "1017016     | OTP_GENERATE   | Something went wrong                 | PROTOCOL_CHANGED |",
        "9999999     | AUTHORIZE      | Brand new error                      | PROTOCOL_CHANGED |",
        "1017016     | PIN            | Something went wrong                 | PROTOCOL_CHANGED |",
        "9999999     | PIN            | Brand new error                      | CREDENTIALS      | PIN",
        "9999999     | OTP_VERIFY     | Brand new error                      | CREDENTIALS      | TOTP_SECRET",
    })
    void classifiesEveryCodeOfTheTable(String code, LoginStep step, String message, FailureKind kind, CredentialField field) {
        LoginFailure failure = classify(step, code, message);
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.field()).isEqualTo(Optional.ofNullable(field));
        assertThat(failure.step()).isEqualTo(step);
        assertThat(failure.message()).contains("step " + step.number() + " of 6")
                .as("the command line and the window each say where to correct it").doesNotContain("settings");
    }

    @Test
    void anUnknownErrorWhereThePinOrTotpWasSentIsAnUnclearAnswerNotAChangedLogin() {
        LoginFailure pin = classify(LoginStep.PIN, "9999999", "Brand new error");
        assertThat(pin.unclear()).isTrue();
        assertThat(pin.message()).isEqualTo("Upstox gave an answer the app does not know after the PIN was sent, at"
                + " step 4 of 6 (check the PIN) (the unknown error 9999999 \"Brand new error\"). It may have rejected"
                + " the PIN, so to be safe the app does not send this PIN again until it changes or you confirm a retry.");
        assertThat(classify(LoginStep.OTP_VERIFY, "9999999", "Brand new error").message())
                .contains("after the TOTP code was sent", "does not send this TOTP secret again");
        assertThat(classify(LoginStep.PIN, "1017106", "Incorrect PIN. 4 attempts left").unclear()).isFalse();
        assertThat(classify(LoginStep.AUTHORIZE, "9999999", "Brand new error").unclear()).isFalse();
    }

    @Test
    void aWrongPinSaysTheAttemptsLeftAndThatTheAppWillNotRetry() {
        assertThat(classify(LoginStep.PIN, "1017106", "Incorrect PIN. 4 attempts left").message())
                .isEqualTo("Upstox rejected the PIN at step 4 of 6 (check the PIN), 4 attempts left. The app does not"
                        + " retry it, to keep your account from being locked.");
    }

    @Test
    void aWrongTotpPointsAtTheSecretAndTheClock() {
        assertThat(classify(LoginStep.OTP_VERIFY, "1017001", "Invalid OTP, 2 attempts left").message())
                .contains("TOTP code at step 3 of 6 (verify the TOTP code), 2 attempts left", "clock", "does not retry");
    }

    @Test
    void theOtpRateLimitWaitsTenMinutesUnlessUpstoxSaysOtherwise() {
        assertThat(classify(LoginStep.OTP_GENERATE, "1017069", "").retryAfter()).contains(Duration.ofMinutes(10));
        LoginFailure told = FailureMessages.classify(LoginStep.OTP_GENERATE, new UpstoxError("1017069", ""),
                Optional.of(Duration.ofMinutes(12)));
        assertThat(told.retryAfter()).contains(Duration.ofMinutes(12));
        assertThat(told.message()).contains("12 minutes");
    }

    @Test
    void aLockedAccountIsACredentialsErrorThatQuotesUpstox() {
        LoginFailure failure = classify(LoginStep.PIN, "1017999", "Your account is locked for 24 hours");
        assertThat(failure.kind()).isEqualTo(FailureKind.CREDENTIALS);
        LoginFailure elsewhere = classify(LoginStep.OTP_GENERATE, "1017998", "User blocked, contact support");
        assertThat(elsewhere.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(elsewhere.message()).contains("\"User blocked, contact support\"");
    }

    @Test
    void blockedAndChangedLoginsPointToTheBrowser() {
        assertThat(FailureMessages.blocked(LoginStep.DIALOG, "HTTP 403").message()).contains("log in with the browser");
        assertThat(FailureMessages.protocolChanged(LoginStep.PIN, "x").message()).contains("log in with the browser");
    }
}
