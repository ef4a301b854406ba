package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token check against the simulator over HTTP: only Upstox's own refusal counts as dead. */
class TokenCheckTest {
    private static final LoginTimeouts QUICK = new LoginTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T04:00:00Z"));
    private UpstoxSimulator simulator;
    private HttpServer other;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (other != null) {
            other.stop(0);
        }
    }

    private Secret tokenFrom(SimulatorConfig config) throws Exception {
        simulator = UpstoxSimulator.start(config);
        return new UpstoxLoginClient(simulator.hosts(), QUICK, clock)
                .login(simulator.account().credentials(), LoginListener.NONE).token().value();
    }

    private TokenCheck.Result check(UpstoxHosts hosts, Secret token) throws InterruptedException {
        return new TokenCheck(hosts, QUICK).check(token);
    }

    @Test
    void aLiveTokenIsAliveAndSaysWhoseItIs() throws Exception {
        Secret token = tokenFrom(SimulatorConfig.defaults(clock));

        TokenCheck.Result result = check(simulator.hosts(), token);

        assertThat(result.verdict()).isEqualTo(TokenCheck.Verdict.ALIVE);
        assertThat(result.userId()).hasValue(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(result.userName()).hasValue(SimulatedAccount.DEFAULT_USER_NAME);
    }

    @Test
    void aRevokedTokenIsDead() throws Exception {
        Secret token = tokenFrom(SimulatorConfig.defaults(clock).withRevokeAfter(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));

        TokenCheck.Result result = check(simulator.hosts(), token);

        assertThat(result.verdict()).isEqualTo(TokenCheck.Verdict.DEAD);
        assertThat(result.detail()).contains("UDAPI100050").doesNotContain(token.reveal());
    }

    @Test
    void noAnswerSaysNothingAboutTheToken() throws Exception {
        Secret token = tokenFrom(SimulatorConfig.defaults(clock));
        UpstoxHosts hosts = simulator.hosts();
        simulator.close();

        TokenCheck.Result result = check(hosts, token);

        assertThat(result.verdict()).isEqualTo(TokenCheck.Verdict.UNKNOWN);
        assertThat(result.detail()).contains("no connection");
    }

    /** A gateway in trouble, and a 401 without Upstox's code (a proxy's own): neither says the token is dead. */
    @Test
    void aFaultOrAForeign401SaysNothingAboutTheToken() throws Exception {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] status = {503};
        other.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status[0], body.length);
                exchange.getResponseBody().write(body);
            }
        });
        other.start();
        UpstoxHosts hosts = UpstoxHosts.both(URI.create("http://127.0.0.1:" + other.getAddress().getPort()));

        assertThat(check(hosts, Secret.of("any")).verdict()).isEqualTo(TokenCheck.Verdict.UNKNOWN);
        status[0] = 401;
        assertThat(check(hosts, Secret.of("any")).verdict()).isEqualTo(TokenCheck.Verdict.UNKNOWN);
    }

    @Test
    void anApprovalRequestTheSimulatorAcceptsHasItsExpiry() throws Exception {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        UpstoxLoginClient client = new UpstoxLoginClient(simulator.hosts(), QUICK, clock);

        ApprovalRequest request = client.requestApproval(simulator.account().credentials());

        assertThat(request.clientId()).isEqualTo(SimulatedAccount.DEFAULT_CLIENT_ID);
        assertThat(request.authorizationExpiry()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(request.notifierUrl()).isEmpty();
    }

    @Test
    void aRejectedApiSecretIsACredentialsFailureOfTheRequest() throws Exception {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        UpstoxCredentials credentials = simulator.account().credentials();
        var fields = credentials.toFields();
        fields.put(CredentialField.CLIENT_SECRET, "wrong-secret");

        LoginException failed = catchThrowableOfType(LoginException.class,
                () -> new UpstoxLoginClient(simulator.hosts(), QUICK, clock).requestApproval(UpstoxCredentials.parse(fields)));

        assertThat(failed.failure().kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(failed.failure().field()).hasValue(CredentialField.CLIENT_SECRET);
        assertThat(failed.failure().step()).isEqualTo(LoginStep.TOKEN_REQUEST);
        assertThat(failed.getMessage()).contains("the request for the trader's approval").doesNotContain("wrong-secret");
    }
}
