package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.SimulatorLoginPage;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Totp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A browser login against the simulator over HTTP: its address, the login page, the code, the shared step 6. */
class BrowserExchangeTest {
    private static final LoginTimeouts QUICK = new LoginTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));

    private final Clock clock = Clock.systemUTC();
    private UpstoxSimulator simulator;
    private UpstoxLoginClient client;
    private UpstoxCredentials credentials;

    @BeforeEach
    void start() throws Exception {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        client = new UpstoxLoginClient(simulator.hosts(), QUICK, clock);
        credentials = simulator.account().credentials();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** The trader's part: logs in on the simulator's page; the address the browser ends on. */
    private URI loggedIn(BrowserLogin login) throws Exception {
        return new SimulatorLoginPage().logIn(login.address(), credentials.mobileNumber(),
                Totp.fromBase32(credentials.totpSecret()).codeAt(clock.instant()), credentials.pin().reveal());
    }

    @Test
    void theCodeOfTheLoginPageIsExchangedForATokenInOneStep() throws Exception {
        BrowserLogin login = client.browserLogin(credentials);
        URI ended = loggedIn(login);
        List<LoginStep> heard = new ArrayList<>();

        LoginResult result = client.exchange(credentials, login.codeFromPastedAddress(ended.toString()), heard::add);

        assertThat(ended.toString()).startsWith(credentials.redirectUri() + "?code=").endsWith("&state=" + login.state());
        assertThat(JwtClaims.read(result.token().value()).orElseThrow().subject()).contains(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(result.token().userName()).isEqualTo(SimulatedAccount.DEFAULT_USER_NAME);
        assertThat(heard).containsExactly(LoginStep.TOKEN_EXCHANGE);
        assertThat(result.timings()).extracting(StepTiming::step).containsExactly(LoginStep.TOKEN_EXCHANGE);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("one PIN: the person's, on the page").isEqualTo(1);
        assertThat(simulator.counters().requests(LoginStep.PIN)).as("no PIN step of the API").isZero();
    }

    @Test
    void aCodeExchangedOnceIsRefusedAsUsedAndANewLoginIsAdvised() throws Exception {
        BrowserLogin login = client.browserLogin(credentials);
        AuthorizationCode code = login.codeFromPastedAddress(loggedIn(login).toString());
        client.exchange(credentials, code, LoginListener.NONE);

        LoginException again = catchThrowableOfType(LoginException.class,
                () -> client.exchange(credentials, code, LoginListener.NONE));

        assertThat(again.failure().kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(again.getMessage()).contains("invalid or already used", "A new login usually works");
    }

    @Test
    void aWrongApiSecretIsRejectedWithTheTotpLoginsClassAndWords() throws Exception {
        BrowserLogin login = client.browserLogin(credentials);
        AuthorizationCode code = login.codeFromPastedAddress(loggedIn(login).toString());
        UpstoxCredentials wrongSecret = with(CredentialField.CLIENT_SECRET, "not-the-secret");

        LoginException browser = catchThrowableOfType(LoginException.class,
                () -> client.exchange(wrongSecret, code, LoginListener.NONE));
        LoginException totp = catchThrowableOfType(LoginException.class,
                () -> client.login(wrongSecret, LoginListener.NONE));

        assertThat(browser.failure()).isEqualTo(totp.failure());
        assertThat(browser.failure().kind()).isEqualTo(FailureKind.CREDENTIALS);
        assertThat(browser.failure().field()).contains(CredentialField.CLIENT_SECRET);
        assertThat(browser.getMessage()).doesNotContain("not-the-secret");
    }

    @Test
    void aBlockedExchangeIsClassifiedAsBlockedWithoutAdvisingTheBrowserItCameFrom() throws Exception {
        BrowserLogin login = client.browserLogin(credentials);
        AuthorizationCode code = login.codeFromPastedAddress(loggedIn(login).toString());
        simulator.faults().inject(FaultRule.always(LoginStep.TOKEN_EXCHANGE, new Fault.BotWall()));

        LoginException blocked = catchThrowableOfType(LoginException.class,
                () -> client.exchange(credentials, code, LoginListener.NONE));
        LoginException totp = catchThrowableOfType(LoginException.class,
                () -> client.login(credentials, LoginListener.NONE));

        assertThat(blocked.failure().kind()).isEqualTo(FailureKind.BLOCKED);
        assertThat(blocked.getMessage()).isEqualTo("Upstox's bot protection stopped the login at step 6 of 6 (exchange"
                + " the code for a token) (a web page came where data was due). Try again later.");
        assertThat(totp.getMessage()).isEqualTo(blocked.getMessage() + " Meanwhile you can log in with the browser.");
    }

    @Test
    void aTotpLoginBlockedAtThePinLeavesThePersonsLoginPageAlone() throws Exception {
        simulator.faults().inject(FaultRule.always(LoginStep.PIN, new Fault.BotWall()));
        assertThat(catchThrowableOfType(LoginException.class, () -> client.login(credentials, LoginListener.NONE))
                .failure().kind()).isEqualTo(FailureKind.BLOCKED);
        BrowserLogin login = client.browserLogin(credentials);

        LoginResult result = client.exchange(credentials, login.codeFromPastedAddress(loggedIn(login).toString()),
                LoginListener.NONE);

        assertThat(result.token().userId()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
    }

    private UpstoxCredentials with(CredentialField field, String value) {
        Map<CredentialField, String> fields = credentials.toFields();
        fields.put(field, value);
        return UpstoxCredentials.parse(fields);
    }
}
