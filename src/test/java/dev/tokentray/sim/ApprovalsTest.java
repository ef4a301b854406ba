package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's approval login: the request, the trader's approval, and the POST to the Notifier Webhook. */
class ApprovalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "/v3/login/auth/token/request/" + SimulatedAccount.DEFAULT_CLIENT_ID;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T00:00:00Z"));
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private UpstoxSimulator simulator;
    private Browser browser;

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (exchange) {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        webhook.stop(0);
        if (simulator != null) {
            simulator.close();
        }
    }

    private void start(SimulatedApprovals approvals) throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withApprovals(approvals));
        browser = new Browser(simulator);
    }

    private SimulatedApprovals toWebhook() {
        return SimulatedApprovals.DEFAULT.withNotifierUrl(
                URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
    }

    private HttpResponse<String> request(String path, String secret) {
        return browser.postJson(path, "{\"client_secret\":\"" + secret + "\"}");
    }

    @Test
    void anApprovedRequestPostsANewTokenToTheWebhook() throws Exception {
        start(toWebhook().withExpiry(Duration.ofMinutes(5)));

        HttpResponse<String> answer = request(REQUEST, SimulatedAccount.DEFAULT_CLIENT_SECRET);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode data = Browser.json(answer).path("data");
        assertThat(data.path("authorization_expiry").isTextual()).as("epoch millis as a string, as documented").isTrue();
        assertThat(Instant.ofEpochMilli(Long.parseLong(data.path("authorization_expiry").asText())))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(data.path("notifier_url").asText()).endsWith("/hook");

        ApprovalDelivery delivery = simulator.approve();

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(posted).hasSize(1);
        JsonNode notice = JSON.readTree(posted.getFirst());
        assertThat(notice.path("client_id").asText()).isEqualTo(SimulatedAccount.DEFAULT_CLIENT_ID);
        assertThat(notice.path("user_id").asText()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(notice.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(notice.path("message_type").asText()).isEqualTo("access_token");
        String token = notice.path("access_token").asText();
        JwtClaims claims = JwtClaims.read(Secret.of(token)).orElseThrow();
        assertThat(notice.path("expires_at").asText()).isEqualTo(Long.toString(claims.expiresAt().orElseThrow().toEpochMilli()));
        assertThat(notice.path("issued_at").asText()).isEqualTo(Long.toString(claims.issuedAt().orElseThrow().toEpochMilli()));
        assertThat(browser.get("/v2/user/profile", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(simulator.counters().count(SimulatorCounters.Event.APPROVAL_REQUESTS)).isEqualTo(1);
        assertThat(simulator.counters().count(SimulatorCounters.Event.APPROVALS_SENT)).isEqualTo(1);
        assertThat(simulator.counters().count(SimulatorCounters.Event.TOKENS_ISSUED)).isEqualTo(1);

        assertThatThrownBy(simulator::approve).as("the request was answered").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrongApiSecretOrClientIdIsRejectedWithUdapi100016() throws Exception {
        start(toWebhook());

        for (HttpResponse<String> answer : List.of(request(REQUEST, "wrong-secret"),
                request("/v3/login/auth/token/request/another-client-id", SimulatedAccount.DEFAULT_CLIENT_SECRET))) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(Browser.json(answer).path("errors").path(0).path("errorCode").asText()).isEqualTo("UDAPI100016");
        }
        assertThatThrownBy(simulator::approve).isInstanceOf(IllegalStateException.class);
        assertThat(simulator.counters().requests(Endpoint.TOKEN_REQUEST)).isEqualTo(2);
        assertThat(simulator.counters().count(SimulatorCounters.Event.APPROVAL_REQUESTS)).isZero();
        assertThat(posted).isEmpty();
    }

    @Test
    void aRequestCanNoLongerBeApprovedAfterItsExpiry() throws Exception {
        start(toWebhook().withExpiry(Duration.ofMinutes(5)));
        request(REQUEST, SimulatedAccount.DEFAULT_CLIENT_SECRET);

        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(simulator::approve).hasMessageContaining("No approval request is open");
        assertThat(posted).isEmpty();
    }

    @Test
    void withApproveAfterEachRequestIsApprovedByItself() throws Exception {
        start(toWebhook().withApproveAfter(Duration.ofMillis(100)));

        request(REQUEST, SimulatedAccount.DEFAULT_CLIENT_SECRET);

        Poll.until("the approval's POST", Duration.ofSeconds(10), () -> posted.size() == 1);
    }

    @Test
    void theSimulatorsOwnApproveEndpointApprovesForAnotherProcess() throws Exception {
        start(toWebhook());
        HttpResponse<String> none = browser.postJson("/simulator/approve", "");
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(Browser.json(none).path("approved").asBoolean()).isFalse();

        request(REQUEST, SimulatedAccount.DEFAULT_CLIENT_SECRET);
        HttpResponse<String> approved = browser.postJson("/simulator/approve", "");

        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(Browser.json(approved).path("notifierStatus").asInt()).isEqualTo(200);
        assertThat(posted).hasSize(1);
    }
}
