package dev.tokentray.sim;

import static dev.tokentray.sim.LoginScript.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.upstox.LoginStep;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoginFlowTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
    private UpstoxSimulator simulator;

    private LoginScript start(EndpointVariant variant) throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withVariant(variant));
        return new LoginScript(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void dialogRedirectsToTheLoginPageWithTheUserAndASessionCookie() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);

        HttpResponse<String> dialog = login.openDialog();

        assertThat(dialog.statusCode()).isEqualTo(302);
        URI loginPage = URI.create(dialog.headers().firstValue("Location").orElseThrow());
        assertThat(loginPage.getHost()).isEqualTo("127.0.0.1");
        assertThat(loginPage.getQuery()).contains("user_id=SIM001", "client_id=" + SimulatedAccount.DEFAULT_CLIENT_ID,
                "user_type=individual");
        assertThat(dialog.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("SIM_LOGIN_SESSION="));
        HttpResponse<String> page = login.browser.get(loginPage);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    }

    @Test
    void dialogRejectsAWrongClientIdOrRedirectUriWithUdapi100068() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        String otherRedirect = LoginScript.encoded("http://127.0.0.1:9/other");

        for (String query : new String[] {
            "?response_type=code&client_id=wrong-client-id&redirect_uri="
                    + LoginScript.encoded(SimulatedAccount.DEFAULT_REDIRECT_URI),
            "?response_type=code&client_id=" + SimulatedAccount.DEFAULT_CLIENT_ID + "&redirect_uri=" + otherRedirect
        }) {
            HttpResponse<String> answer = login.browser.get(LoginScript.DIALOG + query);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode error = Browser.json(answer).path("errors").path(0);
            assertThat(error.path("errorCode").asText()).isEqualTo("UDAPI100068");
            assertThat(error.path("error_code").asText()).isEqualTo("UDAPI100068");
        }
    }

    @Test
    void newVariantLogsInThroughStepFive() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        String otpToken = login.startOtp();

        HttpResponse<String> verifyAnswer = login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, login.currentTotp());
        assertThat(verifyAnswer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode verified = assertSuccess(verifyAnswer);
        assertThat(verified.path("accounts").path(0).path("profileId").isNumber()).isTrue();
        assertThat(verified.path("accounts").path(0).path("profileId").asLong()).isEqualTo(SimulatedAccount.PROFILE_ID);
        assertThat(verified.path("accounts").path(0).path("userId").asText()).isEqualTo("SIM001");
        assertThat(verified.path("accounts").path(0).path("isDefault").asBoolean()).isTrue();

        JsonNode pinAccepted = assertSuccess(login.submitPinV4(SimulatedAccount.DEFAULT_PIN));
        assertThat(pinAccepted.path("redirectUri").isNull()).isTrue();
        assertThat(pinAccepted.path("isExternalClientOAuthApp").asBoolean()).isTrue();

        JsonNode authorized = assertSuccess(login.authorize(SimulatedAccount.DEFAULT_REDIRECT_URI));
        assertThat(authorized.path("redirectUri").asText()).startsWith(SimulatedAccount.DEFAULT_REDIRECT_URI + "?code=");

        HttpResponse<String> token = login.exchange(LoginScript.codeIn(authorized.path("redirectUri").asText()));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(Browser.json(token).path("access_token").asText()).isNotBlank();
    }

    @Test
    void oldVariantLogsInThroughThePinStepsRedirect() throws IOException {
        LoginScript login = start(EndpointVariant.OLD);
        String otpToken = login.startOtp();

        JsonNode verified = assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V4, otpToken, login.currentTotp()));
        assertThat(verified.path("userProfile").path("profileId").asLong()).isEqualTo(SimulatedAccount.PROFILE_ID);
        assertThat(verified.path("userProfile").path("userId").asText()).isEqualTo("SIM001");

        JsonNode pinAccepted = assertSuccess(login.submitPinV3(SimulatedAccount.DEFAULT_PIN));
        URI next = URI.create(pinAccepted.path("redirectUri").asText());
        assertThat(next.getHost()).as("the simulator never sends a client to a real host").isEqualTo("127.0.0.1");

        HttpResponse<String> redirect = login.browser.get(next);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SimulatedAccount.DEFAULT_REDIRECT_URI + "?code=");

        assertThat(login.exchange(LoginScript.codeIn(location)).statusCode()).isEqualTo(200);
    }

    @Test
    void oldVariantAlsoGivesTheCodeInStepFiveAsUpstoxTotpAsksForIt() throws IOException {
        LoginScript login = start(EndpointVariant.OLD);
        String otpToken = login.startOtp();
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V4, otpToken, login.currentTotp()));
        assertSuccess(login.submitPinV3(SimulatedAccount.DEFAULT_PIN));

        JsonNode authorized = assertSuccess(login.authorize(LoginScript.UPSTOX_REDIRECT));

        assertThat(login.exchange(LoginScript.codeIn(authorized.path("redirectUri").asText())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void otpGenerationAcceptsABodyWithoutCountryCode() throws IOException {
        LoginScript login = start(EndpointVariant.OLD);
        login.openDialog();

        HttpResponse<String> answer = login.browser.postJson(LoginScript.OTP_GENERATE, """
                {"data":{"mobileNumber":"9876543210","userId":"SIM001"}}""");

        JsonNode data = assertSuccess(answer);
        assertThat(data.path("validateOTPToken").asText()).isNotBlank();
        assertThat(data.path("isTotpEnabled").asBoolean()).isTrue();
        assertThat(data.path("nextRequestInterval").isInt()).isTrue();
    }

    @Test
    void stepsAfterTheDialogNeedItsCookie() throws IOException {
        start(EndpointVariant.NEW);
        Browser withoutCookie = new Browser(simulator);

        JsonNode answer = Browser.json(withoutCookie.postJson(LoginScript.OTP_GENERATE, """
                {"data":{"mobileNumber":"9876543210","userId":"SIM001"}}"""));

        assertThat(answer.path("success").asBoolean()).isFalse();
        assertThat(answer.path("error").path("code").asText()).isEqualTo("1017016");
    }

    @ParameterizedTest
    @EnumSource(EndpointVariant.class)
    void theOtherVariantsEndpointsAnswer404(EndpointVariant variant) throws IOException {
        LoginScript login = start(variant);
        login.startOtp();
        boolean isNew = variant == EndpointVariant.NEW;

        assertThat(login.verifyOtp(isNew ? LoginScript.OTP_VERIFY_V4 : LoginScript.OTP_VERIFY_V5, "x", "000000")
                .statusCode()).isEqualTo(404);
        assertThat((isNew ? login.submitPinV3("123456") : login.submitPinV4("123456")).statusCode()).isEqualTo(404);
        assertThat(simulator.counters().requests(isNew ? Endpoint.OTP_VERIFY_V4 : Endpoint.OTP_VERIFY_V5)).isEqualTo(1);
        assertThat(simulator.counters().count(SimulatorCounters.Event.OTP_ATTEMPTS)).isZero();
    }

    @Test
    void aTotpOneStepOffIsAcceptedTwoStepsOffIsNot() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        String otpToken = login.startOtp();
        String previousStepsCode = login.currentTotp();

        clock.advance(Duration.ofSeconds(60));
        JsonNode twoStepsOld = Browser.json(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, previousStepsCode));
        assertThat(twoStepsOld.path("error").path("message").asText()).contains("Invalid OTP", "attempts left");

        String nextStepsCode = login.currentTotp();
        clock.advance(Duration.ofSeconds(-30));
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, nextStepsCode));
    }

    @Test
    void anOtpSessionExpiresAfterFiveMinutes() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        String otpToken = login.startOtp();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        JsonNode answer = Browser.json(login.verifyOtp(LoginScript.OTP_VERIFY_V5, otpToken, login.currentTotp()));

        assertThat(answer.path("error").path("code").asText()).isEqualTo("1017076");
    }

    @Test
    void tooManyOtpGenerationsAreRateLimitedForTenMinutes() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withOtpRateLimit(3));
        LoginScript login = new LoginScript(simulator, clock);
        login.openDialog();
        for (int i = 0; i < 3; i++) {
            assertSuccess(login.generateOtp());
        }

        JsonNode fourth = Browser.json(login.generateOtp());
        assertThat(fourth.path("success").asBoolean()).isFalse();
        assertThat(fourth.path("error").path("code").asText()).isEqualTo("1017069");

        clock.advance(Duration.ofMinutes(10));
        assertSuccess(login.generateOtp());
        assertThat(simulator.counters().count(SimulatorCounters.Event.OTP_GENERATIONS)).isEqualTo(4);
    }

    @Test
    void pinV4NeedsTheProfileInTheBodyAndBothHeaders() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));

        JsonNode withoutHeaders = Browser.json(login.browser.postJson(LoginScript.PIN_V4 + "?client_id="
                + SimulatedAccount.DEFAULT_CLIENT_ID + "&redirect_uri=" + LoginScript.encoded(SimulatedAccount.DEFAULT_REDIRECT_URI),
                """
                {"data":{"twoFAMethod":"SECRET_PIN","inputText":"MTIzNDU2","profileId":700001}}"""));

        assertThat(withoutHeaders.path("error").path("code").asText()).isEqualTo("1017016");
        assertThat(simulator.counters().count(SimulatorCounters.Event.PIN_ATTEMPTS)).isZero();
    }

    @Test
    void stepFiveMustNameTheRedirectUriOfThePinStep() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);
        assertSuccess(login.verifyOtp(LoginScript.OTP_VERIFY_V5, login.startOtp(), login.currentTotp()));
        assertSuccess(login.submitPinV4(SimulatedAccount.DEFAULT_PIN));

        JsonNode answer = Browser.json(login.authorize(LoginScript.UPSTOX_REDIRECT));

        assertThat(answer.path("error").path("code").asText()).isEqualTo("UDAPI100068");
        assertThat(simulator.counters().count(SimulatorCounters.Event.CODES_ISSUED)).isZero();
    }

    @Test
    void aKnownPathWithAnotherMethodAnswers405() throws IOException {
        LoginScript login = start(EndpointVariant.NEW);

        assertThat(login.browser.get(LoginScript.TOKEN).statusCode()).isEqualTo(405);
    }

    @Test
    void concurrentLoginsKeepTheirOwnSessions() throws Exception {
        start(EndpointVariant.NEW);

        List<String> tokens;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> logins = IntStream.range(0, 10)
                    .mapToObj(i -> threads.submit(() -> new LoginScript(simulator, clock).accessToken()))
                    .toList();
            tokens = new ArrayList<>();
            for (Future<String> login : logins) {
                tokens.add(login.get());
            }
        }

        assertThat(tokens).doesNotHaveDuplicates().hasSize(10);
        assertThat(simulator.counters().count(SimulatorCounters.Event.TOKENS_ISSUED)).isEqualTo(10);
        assertThat(simulator.counters().requests(LoginStep.PIN)).isEqualTo(10);
    }

    @Test
    void countersTellWhatReachedTheSimulator() throws IOException {
        LoginScript login = start(EndpointVariant.OLD);

        login.exchange(login.codeViaOldVariant());

        SimulatorCounters counters = simulator.counters();
        assertThat(counters.requests(LoginStep.DIALOG)).as("dialog only: the script does not follow to the page")
                .isEqualTo(1);
        assertThat(counters.requests(LoginStep.PIN)).as("the PIN and its redirect").isEqualTo(2);
        assertThat(counters.requests(Endpoint.PIN_V3)).isEqualTo(1);
        assertThat(counters.requests(LoginStep.AUTHORIZE)).isZero();
        assertThat(counters.count(SimulatorCounters.Event.OTP_ATTEMPTS)).isEqualTo(1);
        assertThat(counters.count(SimulatorCounters.Event.PIN_ATTEMPTS)).isEqualTo(1);
        assertThat(counters.count(SimulatorCounters.Event.CODES_ISSUED)).isEqualTo(1);
        assertThat(counters.count(SimulatorCounters.Event.CODE_EXCHANGES)).isEqualTo(1);
        assertThat(counters.count(SimulatorCounters.Event.TOKENS_ISSUED)).isEqualTo(1);
    }
}
