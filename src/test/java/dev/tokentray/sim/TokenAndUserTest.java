package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenAndUserTest {
    /** 08:30 IST: a token issued now lives until 03:30 IST tomorrow. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
    private UpstoxSimulator simulator;
    private LoginScript login;

    private void start(SimulatorConfig config) throws IOException {
        simulator = UpstoxSimulator.start(config);
        login = new LoginScript(simulator, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void tokenAnswerIsFlatAndItsTokenIsAnHs256JwtUntil0330Ist() throws IOException {
        start(SimulatorConfig.defaults(clock));

        HttpResponse<String> answer = login.exchange(login.codeViaNewVariant());

        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Browser.json(answer);
        assertThat(body.has("status")).isFalse();
        assertThat(body.path("user_id").asText()).isEqualTo("SIM001");
        assertThat(body.path("user_name").asText()).isEqualTo("Simulated Trader");
        assertThat(body.path("email").asText()).isEqualTo("trader@example.com");
        assertThat(body.path("is_active").asBoolean()).isTrue();
        assertThat(body.has("extended_token")).isTrue();
        String token = body.path("access_token").asText();
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload.path("iss").asText()).isEqualTo("udapi-gateway-service");
        JwtClaims claims = JwtClaims.read(Secret.of(token)).orElseThrow();
        assertThat(claims.subject()).hasValue("SIM001");
        assertThat(claims.issuedAt()).hasValue(clock.instant());
        assertThat(claims.expiresAt()).hasValue(Instant.parse("2026-03-02T22:00:00Z"));
    }

    @Test
    void tokenLifetimeCanBeSet() throws IOException {
        start(SimulatorConfig.defaults(clock).withTokenLifetime(Duration.ofSeconds(20)));

        String token = login.accessToken();

        assertThat(JwtClaims.read(Secret.of(token)).orElseThrow().expiresAt()).hasValue(clock.instant().plusSeconds(20));
    }

    @Test
    void aCodeIsGoodForOneExchangeOnly() throws IOException {
        start(SimulatorConfig.defaults(clock));
        String code = login.codeViaNewVariant();
        assertThat(login.exchange(code).statusCode()).isEqualTo(200);

        HttpResponse<String> again = login.exchange(code);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Browser.json(again).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100057");
        assertThat(simulator.counters().count(SimulatorCounters.Event.CODE_EXCHANGES)).isEqualTo(2);
        assertThat(simulator.counters().count(SimulatorCounters.Event.TOKENS_ISSUED)).isEqualTo(1);
    }

    @Test
    void aCodeExpires() throws IOException {
        start(SimulatorConfig.defaults(clock));
        String code = login.codeViaNewVariant();

        clock.advance(Duration.ofMinutes(2));

        assertThat(Browser.json(login.exchange(code)).path("errors").path(0).path("errorCode").asText())
                .isEqualTo("UDAPI100057");
    }

    @Test
    void aWrongApiSecretGetsUdapi100016AndLeavesTheCodeUsable() throws IOException {
        start(SimulatorConfig.defaults(clock));
        String code = login.codeViaNewVariant();

        HttpResponse<String> answer = login.exchange(code, "wrong-secret");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Browser.json(answer).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100016");
        assertThat(login.exchange(code).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsATokenFormThatIsNotUrlEncoded() throws IOException {
        start(SimulatorConfig.defaults(clock));
        String code = login.codeViaNewVariant();

        // As upstox-totp builds it, with an f-string.
        HttpResponse<String> answer = login.browser.postForm(LoginScript.TOKEN, "code=" + code
                + "&client_id=" + SimulatedAccount.DEFAULT_CLIENT_ID
                + "&client_secret=" + SimulatedAccount.DEFAULT_CLIENT_SECRET
                + "&redirect_uri=" + SimulatedAccount.DEFAULT_REDIRECT_URI
                + "&grant_type=authorization_code");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void profileAnswersForALiveToken() throws IOException {
        start(SimulatorConfig.defaults(clock));
        String token = login.accessToken();

        HttpResponse<String> profile = login.browser.get("/v2/user/profile", "Authorization", "Bearer " + token);

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Browser.json(profile);
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("data").path("user_id").asText()).isEqualTo("SIM001");
        assertThat(body.path("data").path("broker").asText()).isEqualTo("UPSTOX");
        assertThat(simulator.counters().requests(Endpoint.PROFILE)).isEqualTo(1);
    }

    @Test
    void profileRefusesAnUnknownAnExpiredAndALoggedOutToken() throws IOException {
        start(SimulatorConfig.defaults(clock).withTokenLifetime(Duration.ofMinutes(1)));
        String expired = login.accessToken();
        clock.advance(Duration.ofMinutes(1));
        String loggedOut = new LoginScript(simulator, clock).accessToken();
        assertThat(login.browser.delete("/v2/logout", "Authorization", "Bearer " + loggedOut).statusCode())
                .isEqualTo(200);

        for (String token : new String[] {"not-a-token", expired, loggedOut}) {
            HttpResponse<String> profile = login.browser.get("/v2/user/profile", "Authorization", "Bearer " + token);
            assertThat(profile.statusCode()).isEqualTo(401);
            assertThat(profile.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(Browser.json(profile).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100050");
        }
        assertThat(login.browser.delete("/v2/logout", "Authorization", "Bearer " + loggedOut).statusCode())
                .as("a second logout").isEqualTo(401);
    }
}
