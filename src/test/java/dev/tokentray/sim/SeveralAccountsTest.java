package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginResult;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One simulator serving a family's accounts, each with its own login, token, lock and counters. */
class SeveralAccountsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
    private final List<SimulatedAccount> family = List.of(SimulatedAccount.numbered(1), SimulatedAccount.numbered(2),
            SimulatedAccount.numbered(3).withTokenLifetime(Duration.ofMinutes(2)));
    private UpstoxSimulator simulator;
    private UpstoxLoginClient client;

    private void start() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock).withAccounts(family));
        client = new UpstoxLoginClient(simulator.hosts(), LoginTimeouts.DEFAULT, clock);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void eachAccountLogsInWithItsOwnCredentialsAndGetsATokenOfItsOwn() throws Exception {
        start();
        for (SimulatedAccount account : family) {
            LoginResult result = client.login(account.credentials(), LoginListener.NONE);

            assertThat(result.token().userId()).isEqualTo(account.userId());
            assertThat(result.token().userName()).isEqualTo(account.userName());
            assertThat(simulator.counters().count(Event.TOKENS_ISSUED, account)).isEqualTo(1);
        }
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isEqualTo(3);
        LoginResult third = client.login(family.get(2).credentials(), LoginListener.NONE);
        assertThat(Duration.between(third.token().issuedAt(), third.token().expiresAt()))
                .as("an account's own token lifetime").isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aWrongPinCountsAtItsAccountOnlyAndLocksItAloneAfterFive() throws Exception {
        start();
        UpstoxCredentials wrong = family.get(1).credentialsWithPin("000000");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> client.login(wrong, LoginListener.NONE)).isInstanceOf(LoginException.class);
        }
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS, family.get(1))).isEqualTo(5);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS, family.getFirst())).isZero();

        assertThatThrownBy(() -> client.login(family.get(1).credentials(), LoginListener.NONE))
                .as("the second account is locked, even with its right PIN")
                .isInstanceOfSatisfying(LoginException.class, e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.CREDENTIALS));
        assertThat(client.login(family.getFirst().credentials(), LoginListener.NONE).token().userId())
                .as("the others log in as ever").isEqualTo(family.getFirst().userId());
    }

    @Test
    void aMobileNumberOfAnotherAccountIsRefusedInThisAccountsLogin() throws Exception {
        start();
        Map<CredentialField, String> mixed = new EnumMap<>(family.getFirst().credentials().toFields());
        mixed.put(CredentialField.MOBILE, family.get(1).credentials().mobileNumber());

        assertThatThrownBy(() -> client.login(UpstoxCredentials.parse(mixed), LoginListener.NONE))
                .isInstanceOf(LoginException.class);
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isZero();
    }

    @Test
    void twoAccountsMayNotShareAnApiKeyOrAMobileNumber() {
        assertThatThrownBy(() -> SimulatorConfig.defaults(clock).withAccounts(List.of(family.getFirst(), family.getFirst())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share the mobile");
    }

}
