package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.EndpointVariant;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The login client against the simulator, over real HTTP on loopback. */
class LoginAgainstSimulatorTest {
    private static final LoginTimeouts QUICK = new LoginTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));

    private final Clock clock = Clock.systemUTC();
    private UpstoxSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    private UpstoxSimulator start(SimulatorConfig config) throws Exception {
        simulator = UpstoxSimulator.start(config);
        return simulator;
    }

    private LoginResult login(UpstoxCredentials credentials, LoginListener listener) throws Exception {
        return new UpstoxLoginClient(simulator.hosts(), QUICK, clock).login(credentials, listener);
    }

    private LoginFailure failure(UpstoxCredentials credentials) {
        LoginException failed = catchThrowableOfType(LoginException.class, () -> login(credentials, LoginListener.NONE));
        assertThat(failed).as("the login's failure").isNotNull();
        return failed.failure();
    }

    @ParameterizedTest
    @EnumSource(EndpointVariant.class)
    void logsInWithEitherSetOfEndpointVersions(EndpointVariant variant) throws Exception {
        start(SimulatorConfig.defaults(clock).withVariant(variant));
        List<LoginStep> steps = new ArrayList<>();

        LoginResult result = login(simulator.account().credentials(), steps::add);

        assertThat(result.token().userId()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(result.token().userName()).isEqualTo(SimulatedAccount.DEFAULT_USER_NAME);
        assertThat(result.token().expiresAt())
                .isEqualTo(JwtClaims.read(result.token().value()).orElseThrow().expiresAt().orElseThrow());
        assertThat(result.clockSkew()).hasValueSatisfying(skew -> assertThat(skew.abs()).isLessThan(Duration.ofSeconds(2)));
        // The old PIN endpoint leads to the code through redirects, so step 5 is not needed there.
        assertThat(steps).isEqualTo(variant == EndpointVariant.NEW
                ? LoginStep.totpLogin()
                : List.of(LoginStep.DIALOG, LoginStep.OTP_GENERATE, LoginStep.OTP_VERIFY, LoginStep.PIN,
                        LoginStep.TOKEN_EXCHANGE));
        assertThat(result.timings()).extracting(StepTiming::step).isEqualTo(steps);
        assertThat(simulator.counters().count(Event.CODES_ISSUED)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.CODE_EXCHANGES)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void neverRequestsTheTradersRedirectUri() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer trap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trap.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        trap.start();
        try {
            String redirect = "http://127.0.0.1:" + trap.getAddress().getPort() + "/callback";
            Map<CredentialField, String> fields = SimulatedAccount.defaults().credentials().toFields();
            fields.put(CredentialField.REDIRECT_URI, redirect);
            SimulatedAccount account = new SimulatedAccount(UpstoxCredentials.parse(fields),
                    SimulatedAccount.DEFAULT_USER_ID, SimulatedAccount.DEFAULT_USER_NAME, SimulatedAccount.DEFAULT_EMAIL);
            for (EndpointVariant variant : EndpointVariant.values()) {
                start(SimulatorConfig.defaults(clock).withVariant(variant).withAccount(account));
                login(account.credentials(), LoginListener.NONE);
                simulator.close();
            }
            assertThat(hits).hasValue(0);
        } finally {
            trap.stop(0);
        }
    }

    @Test
    void aWrongPinIsSentOnceAndNamedAsThePin() throws Exception {
        start(SimulatorConfig.defaults(clock));
        UpstoxCredentials wrong = with(CredentialField.PIN, "111111");

        LoginFailure failure = failure(wrong);

        assertThat(failure.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(failure.field()).contains(CredentialField.PIN);
        assertThat(failure.message()).isEqualTo("Upstox rejected the PIN at step 4 of 6 (check the PIN), 4 attempts"
                + " left. The app does not retry it, to keep your account from being locked.");
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.CODES_ISSUED)).isZero();
    }

    @Test
    void aWrongTotpSecretIsSentOnceAndNamed() throws Exception {
        start(SimulatorConfig.defaults(clock));
        LoginFailure failure = failure(with(CredentialField.TOTP_SECRET, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        assertThat(failure.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(failure.field()).contains(CredentialField.TOTP_SECRET);
        assertThat(failure.message()).contains("TOTP code", "4 attempts left", "clock");
        assertThat(simulator.counters().count(Event.OTP_ATTEMPTS)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isZero();
    }

    @Test
    void aWrongApiKeyOrSecretIsACredentialsError() throws Exception {
        start(SimulatorConfig.defaults(clock));
        LoginFailure wrongKey = failure(with(CredentialField.CLIENT_ID, "00000000-0000-0000-0000-000000000000"));
        assertThat(wrongKey.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(wrongKey.step()).isEqualTo(LoginStep.DIALOG);
        assertThat(wrongKey.field()).contains(CredentialField.CLIENT_ID);

        LoginFailure wrongSecret = failure(with(CredentialField.CLIENT_SECRET, "not-the-secret"));
        assertThat(wrongSecret.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(wrongSecret.step()).isEqualTo(LoginStep.TOKEN_EXCHANGE);
        assertThat(wrongSecret.field()).contains(CredentialField.CLIENT_SECRET);
        assertThat(simulator.counters().count(Event.CODE_EXCHANGES)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = LoginStep.class, names = {"TOKEN_REQUEST", "APPROVAL"}, mode = EnumSource.Mode.EXCLUDE)
    void eachInjectedFaultGetsItsClassAndNamesTheStep(LoginStep step) throws Exception {
        start(SimulatorConfig.defaults(clock));
        UpstoxCredentials credentials = simulator.account().credentials();
        Map<Fault, FailureKind> expected = Map.of(
                new Fault.Status(503), FailureKind.TRANSIENT,
                new Fault.ConnectionReset(), FailureKind.TRANSIENT,
                new Fault.Delay(Duration.ofMillis(1500)), FailureKind.TRANSIENT,
                new Fault.BotWall(), FailureKind.BLOCKED,
                new Fault.Status(403), FailureKind.BLOCKED,
                new Fault.Status(429), FailureKind.RATE_LIMITED,
                new Fault.Status(404), FailureKind.PROTOCOL_CHANGED);
        for (var fault : expected.entrySet()) {
            // Twice: the JDK's client repeats a GET once by itself when the connection breaks off.
            simulator.faults().inject(FaultRule.next(2, step, fault.getKey()));
            LoginFailure failure = failure(credentials);
            simulator.faults().clear();
            assertThat(failure.kind()).as("%s at %s", fault.getKey(), step).isEqualTo(fault.getValue());
            assertThat(failure.step()).isEqualTo(step);
            assertThat(failure.message()).contains("step " + step.number() + " of 6");
        }
        assertThat(login(credentials, LoginListener.NONE).token()).isNotNull();
    }

    /**
     * The unclear-answer rules: after the TOTP code or the PIN was sent, an error the app does not
     * know, whatever status carries it (Upstox's usual 200, a 403 or 5xx, a 404 or 405), may be a
     * rejection of that value: it stops like one, and no older version of the step gets the value.
     */
    @ParameterizedTest
    @CsvSource({"OTP_VERIFY, 200", "OTP_VERIFY, 403", "OTP_VERIFY, 404", "OTP_VERIFY, 500",
            "PIN, 200", "PIN, 403", "PIN, 404", "PIN, 405", "PIN, 502"})
    void anUnknownAnswerAfterTheTotpOrPinWasSentMayBeARejectionOfItAndGoesToNoOlderVersion(LoginStep step, int status)
            throws Exception {
        start(SimulatorConfig.defaults(clock));
        simulator.faults().inject(FaultRule.always(step, new Fault.UnknownError(status)));

        LoginFailure failure = failure(simulator.account().credentials());

        CredentialField sent = step == LoginStep.PIN ? CredentialField.PIN : CredentialField.TOTP_SECRET;
        assertThat(failure.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(failure.unclear()).isTrue();
        assertThat(failure.field()).contains(sent);
        assertThat(failure.message()).contains("Upstox gave an answer the app does not know after the "
                + (step == LoginStep.PIN ? "PIN" : "TOTP code") + " was sent", "SIM-UNKNOWN-9999",
                "until it changes or you confirm a retry");
        assertThat(simulator.counters().requests(step)).as("one request, no older version").isEqualTo(1);
    }

    @Test
    void whereNoSecretWasSentAnUnknownAnswerIsAChangedLoginOrAFault() throws Exception {
        start(SimulatorConfig.defaults(clock));
        Map<Integer, FailureKind> expected = Map.of(200, FailureKind.PROTOCOL_CHANGED, 404, FailureKind.PROTOCOL_CHANGED,
                403, FailureKind.BLOCKED, 500, FailureKind.TRANSIENT);
        expected.forEach((status, kind) -> {
            simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_GENERATE, new Fault.UnknownError(status)));
            LoginFailure failure = failure(simulator.account().credentials());
            assertThat(failure.kind()).as("HTTP %d", status).isEqualTo(kind);
            assertThat(failure.unclear()).isFalse();
        });
        assertThat(simulator.counters().count(Event.OTP_ATTEMPTS)).isZero();
    }

    @Test
    void onlyA404WithoutAnErrorOfUpstoxsMovesTheTotpToTheOlderVersion() throws Exception {
        start(SimulatorConfig.defaults(clock).withVariant(EndpointVariant.OLD));
        assertThat(login(simulator.account().credentials(), LoginListener.NONE).token()).isNotNull();
        assertThat(simulator.counters().requests(Endpoint.OTP_VERIFY_V5)).as("gone: a bare 404").isEqualTo(1);
        assertThat(simulator.counters().requests(Endpoint.OTP_VERIFY_V4)).isEqualTo(1);
        assertThat(simulator.counters().count(Event.OTP_ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void theOtpRateLimitAsksForTenMinutes() throws Exception {
        start(SimulatorConfig.defaults(clock).withOtpRateLimit(1));
        login(simulator.account().credentials(), LoginListener.NONE);
        LoginFailure failure = failure(simulator.account().credentials());
        assertThat(failure.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofMinutes(10));
    }

    @Test
    void aLockedAccountStopsWithUpstoxsWords() throws Exception {
        start(SimulatorConfig.defaults(clock));
        UpstoxCredentials wrong = with(CredentialField.PIN, "111111");
        for (int attempt = 0; attempt < 5; attempt++) {
            failure(wrong);
        }
        LoginFailure failure = failure(simulator.account().credentials());
        assertThat(failure.kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(failure.message()).containsIgnoringCase("locked");
    }

    @Test
    void aTimeoutIsTransientAndSaysHowLongItWaited() throws Exception {
        start(SimulatorConfig.defaults(clock));
        simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_VERIFY, new Fault.Delay(Duration.ofSeconds(2))));
        LoginFailure failure = failure(simulator.account().credentials());
        assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(failure.message()).contains("did not answer within");
    }

    private UpstoxCredentials with(CredentialField field, String value) {
        Map<CredentialField, String> fields = simulator.account().credentials().toFields();
        fields.put(field, value);
        return UpstoxCredentials.parse(fields);
    }

    @Test
    void secretsNeverReachTheFailureMessages() throws Exception {
        start(SimulatorConfig.defaults(clock));
        UpstoxCredentials credentials = simulator.account().credentials();
        for (LoginStep step : LoginStep.totpLogin()) {
            simulator.faults().inject(FaultRule.next(1, step, new Fault.BotWall()));
            assertThat(failure(credentials).message()).doesNotContain(
                    credentials.pin().reveal(), credentials.totpSecret().reveal(), credentials.clientSecret().reveal());
        }
        Secret token = login(credentials, LoginListener.NONE).token().value();
        assertThat(token.toString()).doesNotContain(token.reveal());
    }
}
