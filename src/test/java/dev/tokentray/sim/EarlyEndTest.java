package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.MutableClock;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens that end before their expiry, as at Upstox: a set time after issue, or all at an IP change. */
class EarlyEndTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    private UpstoxSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    private int profile(Browser browser, String token) {
        HttpResponse<String> answer = browser.get("/v2/user/profile", "Authorization", "Bearer " + token);
        if (answer.statusCode() == 401) {
            assertThat(Browser.json(answer).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100050");
        }
        return answer.statusCode();
    }

    @Test
    void revokeAfterEndsEachTokenThatLongAfterItsIssue() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withRevokeAfter(Duration.ofMinutes(5)));
        LoginScript login = new LoginScript(simulator, clock);
        String first = login.accessToken();
        clock.advance(Duration.ofMinutes(3));
        String second = new LoginScript(simulator, clock).accessToken();

        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(profile(login.browser, first)).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(profile(login.browser, first)).as("5 min after its issue").isEqualTo(401);
        assertThat(profile(login.browser, second)).as("issued 3 min later").isEqualTo(200);
        clock.advance(Duration.ofMinutes(3));
        assertThat(profile(login.browser, second)).isEqualTo(401);
    }

    @Test
    void anIpChangeEndsEveryTokenOfTheAccountAndSaysSo() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        LoginScript login = new LoginScript(simulator, clock);
        String first = login.accessToken();
        String second = new LoginScript(simulator, clock).accessToken();

        HttpResponse<String> change = login.browser.send(login.browser.request("/v2/user/ip", "Authorization",
                "Bearer " + first, "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"static_ip\":\"203.0.113.7\"}")));

        assertThat(change.statusCode()).isEqualTo(200);
        assertThat(Browser.json(change).path("data").path("access_tokens_invalidated").asBoolean()).isTrue();
        assertThat(profile(login.browser, first)).isEqualTo(401);
        assertThat(profile(login.browser, second)).isEqualTo(401);
        assertThat(simulator.counters().count(SimulatorCounters.Event.TOKENS_REVOKED)).isEqualTo(2);
        assertThat(simulator.counters().requests(Endpoint.USER_IP)).isEqualTo(1);
        String after = new LoginScript(simulator, clock).accessToken();
        assertThat(profile(login.browser, after)).as("a token issued after the change").isEqualTo(200);
    }

    @Test
    void anIpChangeNeedsALiveToken() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        LoginScript login = new LoginScript(simulator, clock);
        String token = login.accessToken();

        HttpResponse<String> change = login.browser.send(login.browser.request("/v2/user/ip", "Authorization",
                "Bearer not-a-token").PUT(HttpRequest.BodyPublishers.noBody()));

        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(profile(login.browser, token)).isEqualTo(200);
    }
}
