package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.sim.SimulatorCounters.Event;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The login page as a person's browser meets it, over real HTTP: the form, its checks, the redirect with the code. */
class LoginFormTest extends DefaultSimulatorTest {
    private static final String FORM = "/login/form";

    /** Opens the dialog (with {@code state} when not null) and follows it to the login page, as a browser does. */
    private HttpResponse<String> openLoginPage(String state) {
        login.state = state;
        HttpResponse<String> dialog = login.openDialog();
        assertThat(dialog.statusCode()).isEqualTo(302);
        return login.browser.get(URI.create(dialog.headers().firstValue("Location").orElseThrow()));
    }

    private HttpResponse<String> submit(String mobile, String otp, String pin) {
        return login.browser.postForm(FORM, "mobileNumber=" + LoginScript.encoded(mobile) + "&otp="
                + LoginScript.encoded(otp) + "&pin=" + LoginScript.encoded(pin));
    }

    private HttpResponse<String> submitRight() {
        return submit(SimulatedAccount.DEFAULT_MOBILE, login.currentTotp(), SimulatedAccount.DEFAULT_PIN);
    }

    @Test
    void theLoginPageIsAFormForMobileOtpAndPinThatPostsToTheSimulator() {
        HttpResponse<String> page = openLoginPage("state-1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + FORM + "\"", "name=\"mobileNumber\"",
                "name=\"otp\"", "name=\"pin\" type=\"password\"", "type=\"submit\"").doesNotContain("role=\"alert\"");
    }

    @Test
    void rightValuesRedirectToTheRedirectUriWithACodeAndTheDialogsState() {
        openLoginPage("a-state/with+odd=chars");

        HttpResponse<String> answer = submitRight();

        assertThat(answer.statusCode()).isEqualTo(302);
        URI target = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(target.getScheme() + "://" + target.getAuthority() + target.getPath())
                .isEqualTo(SimulatedAccount.DEFAULT_REDIRECT_URI);
        assertThat(target.getQuery()).matches("code=[A-Za-z0-9]+&state=a-state/with\\+odd=chars");
        assertThat(simulator.counters().count(Event.CODES_ISSUED)).isEqualTo(1);
    }

    @Test
    void theCodeIsExchangeableExactlyOnce() {
        openLoginPage("s");
        String code = LoginScript.codeIn(submitRight().headers().firstValue("Location").orElseThrow());

        HttpResponse<String> first = login.exchange(code);
        HttpResponse<String> second = login.exchange(code);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Browser.json(first).path("access_token").asText()).startsWith("eyJ");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(Browser.json(second).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100057");
    }

    @Test
    void withoutAStateTheRedirectCarriesNone() {
        openLoginPage(null);

        URI target = URI.create(submitRight().headers().firstValue("Location").orElseThrow());

        assertThat(target.getQuery()).matches("code=[A-Za-z0-9]+");
    }

    @Test
    void aWrongOtpShowsTheFormAgainWithUpstoxsWordsAndKeepsTheMobileNumber() {
        openLoginPage("s");

        HttpResponse<String> answer = submit(SimulatedAccount.DEFAULT_MOBILE, "000000", SimulatedAccount.DEFAULT_PIN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.body()).contains("role=\"alert\">Invalid OTP. 4 attempts left<",
                "value=\"" + SimulatedAccount.DEFAULT_MOBILE + "\"");
        assertThat(simulator.counters().count(Event.OTP_ATTEMPTS)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("a wrong OTP never reaches the PIN").isZero();
        assertThat(submitRight().statusCode()).as("the same session goes on").isEqualTo(302);
    }

    @Test
    void aWrongPinShowsTheFormAgainWithTheAttemptsLeft() {
        openLoginPage("s");

        HttpResponse<String> answer = submit(SimulatedAccount.DEFAULT_MOBILE, login.currentTotp(), "111111");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Incorrect PIN. 4 attempts left").doesNotContain("111111");
        assertThat(simulator.counters().count(Event.CODES_ISSUED)).isZero();
    }

    @Test
    void aWrongMobileNumberIsRefusedWithoutCountingAnAttempt() {
        openLoginPage("s");

        HttpResponse<String> answer = submit("9123456789", login.currentTotp(), SimulatedAccount.DEFAULT_PIN);

        assertThat(answer.body()).contains("Invalid mobile number");
        assertThat(simulator.counters().count(Event.OTP_ATTEMPTS)).isZero();
    }

    @Test
    void theTotpIsCheckedWithinOneStepOfTheClock() {
        openLoginPage("s");
        String code = login.currentTotp();

        clock.advance(Duration.ofSeconds(60));
        assertThat(submit(SimulatedAccount.DEFAULT_MOBILE, code, SimulatedAccount.DEFAULT_PIN).body())
                .contains("Invalid OTP");
        clock.advance(Duration.ofSeconds(-30));
        assertThat(submit(SimulatedAccount.DEFAULT_MOBILE, code, SimulatedAccount.DEFAULT_PIN).statusCode())
                .isEqualTo(302);
    }

    @Test
    void wrongPinsOfTheFormAndTheApiCountTowardsOneLock() {
        openLoginPage("s");
        for (int i = 0; i < 3; i++) {
            submit(SimulatedAccount.DEFAULT_MOBILE, login.currentTotp(), "111111");
        }
        LoginScript api = new LoginScript(simulator, clock);
        String otpToken = api.startOtp();
        LoginScript.assertSuccess(api.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, api.currentTotp()));
        assertThat(Browser.json(api.submitPinV4("111111")).path("error").path("message").asText())
                .isEqualTo("Incorrect PIN. 1 attempts left");

        HttpResponse<String> fifth = submit(SimulatedAccount.DEFAULT_MOBILE, login.currentTotp(), "111111");
        HttpResponse<String> right = submitRight();

        assertThat(fifth.body()).contains("Your account is locked after 5 incorrect attempts");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("Your account is locked");
        assertThat(simulator.counters().count(Event.CODES_ISSUED)).isZero();
    }

    @Test
    void aPostWithoutALoginSessionIsTurnedAway() {
        HttpResponse<String> answer = submitRight();

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Your login session has expired or was never opened");
    }

    @Test
    void aSessionYieldsOneCode() {
        openLoginPage("s");
        assertThat(submitRight().statusCode()).isEqualTo(302);

        assertThat(submitRight().statusCode()).isEqualTo(400);
    }

    @Test
    void whatThePageShowsBackIsEscaped() {
        openLoginPage("s");

        HttpResponse<String> answer = submit("<b>x</b>", "1", "1");

        assertThat(answer.body()).contains("value=\"&lt;b&gt;x&lt;/b&gt;\"").doesNotContain("<b>x</b>");
    }

    @Test
    void theApiStepsCarryTheDialogsStateToo() {
        login.state = "api-state";

        String otpToken = login.startOtp();
        LoginScript.assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, login.currentTotp()));
        LoginScript.assertSuccess(login.submitPinV4(SimulatedAccount.DEFAULT_PIN));
        JsonNode authorized = LoginScript.assertSuccess(login.authorize(SimulatedAccount.DEFAULT_REDIRECT_URI));

        assertThat(URI.create(authorized.path("redirectUri").asText()).getQuery()).endsWith("&state=api-state");
    }
}
