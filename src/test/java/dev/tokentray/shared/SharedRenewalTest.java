package dev.tokentray.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AtOnce;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.testsupport.WallClockSimulator;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Three machines in this JVM (each its own keychain, state folder and Redis connections) sharing
 * the test command's real Redis, against the simulator: one login for all, a rejected PIN sent once
 * across them, a wait Upstox asked one of them for held by all, renew requests, and no login at
 * all while Redis cannot be reached. {@code SharedRenewalProcessIT} runs them as processes.
 */
class SharedRenewalTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final LoginTimeouts TIMEOUTS = new LoginTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @TempDir
    Path states;

    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireRedis();
        simulator = UpstoxSimulator.start(WallClockSimulator.defaults().withOtpRateLimit(2));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    @Test
    void threeMachinesAtOnceMakeOneLoginAndTheOthersTakeItsToken() throws Exception {
        List<Machine> machines = machines(3, simulator.account().credentials());

        List<FetchedToken> renewals = AtOnce.call(machines.stream().<Callable<FetchedToken>>map(m -> m::renew).toList());

        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);
        assertThat(renewals).extracting(r -> r.token().value()).containsOnly(renewals.getFirst().token().value());
        assertThat(renewals).extracting(r -> r.login().orElseThrow().trigger())
                .containsExactlyInAnyOrder(Trigger.AUTOMATIC, Trigger.REDIS, Trigger.REDIS);
        for (Machine machine : machines) {
            assertThat(machine.vault.token().orElseThrow().value()).isEqualTo(renewals.getFirst().token().value());
        }
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.get(prefix + ":" + simulator.account().userId() + ":access_token"))
                    .isEqualTo(renewals.getFirst().token().value().reveal());
            assertThat(admin.exists(prefix + ":" + simulator.account().userId() + ":login_lease"))
                    .as("the lease, let go").isFalse();
        }
    }

    @Test
    void aWrongPinIsSentOnceAcrossTheMachinesAndOnceMorePerConfirmation() throws Exception {
        List<Machine> machines = machines(3, credentials(CredentialField.PIN, "000000"));

        List<Exception> failures = AtOnce.call(machines.stream().<Callable<Exception>>map(m -> m::failure).toList());

        assertThat(pins()).as("one PIN across three machines").isEqualTo(1);
        assertThat(failures).filteredOn(LoginException.class::isInstance).hasSize(1);
        assertThat(failures).filteredOn(LoginRefusedException.class::isInstance).hasSize(2)
                .allSatisfy(e -> assertThat(((LoginRefusedException) e).refusal().kind()).isEqualTo(FailureKind.CREDENTIALS));
        for (Machine machine : machines) {
            assertThat(machine.failure()).isInstanceOf(LoginRefusedException.class);
            assertThat(machine.failure()).isInstanceOf(LoginRefusedException.class);
        }
        assertThat(pins()).as("nothing automatic sends it again, anywhere").isEqualTo(1);

        String rejection = machines.get(1).renewal.renewer().holdingRejection().orElseThrow();
        assertThat(machines.get(2).renewal.renewer().holdingRejection()).as("the same rejection on every machine")
                .contains(rejection);
        assertThatThrownBy(() -> machines.get(1).renewal.renewer().renew(Trigger.MANUAL, Optional.of(rejection),
                LoginListener.NONE)).isInstanceOf(LoginException.class);
        assertThat(pins()).as("the trader's confirmed retry on one machine").isEqualTo(2);
        assertThatThrownBy(() -> machines.get(2).renewal.renewer().renew(Trigger.MANUAL, Optional.of(rejection),
                LoginListener.NONE)).as("a confirmation of the rejection another retry has since replaced")
                .isInstanceOf(LoginRefusedException.class);
        assertThat(pins()).isEqualTo(2);
        for (Machine machine : machines) {
            assertThat(machine.failure()).isInstanceOf(LoginRefusedException.class);
        }
        assertThat(pins()).isEqualTo(2);
    }

    @Test
    void aWaitUpstoxAskedOneMachineForHoldsThemAll() throws Exception {
        List<Machine> machines = machines(2, simulator.account().credentials());
        Machine first = machines.getFirst();
        first.renewal.renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE);
        first.renewal.renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE);
        assertThatThrownBy(() -> first.renewal.renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE))
                .isInstanceOf(LoginException.class)
                .satisfies(e -> assertThat(((LoginException) e).failure().kind()).isEqualTo(FailureKind.RATE_LIMITED));
        long generations = simulator.counters().requests(LoginStep.OTP_GENERATE);
        try (Jedis admin = TestRedis.admin()) {
            admin.del(prefix + ":" + simulator.account().userId() + ":access_token"); // as if it had expired
        }

        assertThat(machines.get(1).failure()).isInstanceOf(LoginRefusedException.class)
                .satisfies(e -> assertThat(((LoginRefusedException) e).refusal().kind()).isEqualTo(FailureKind.RATE_LIMITED));
        assertThat(simulator.counters().requests(LoginStep.OTP_GENERATE)).isEqualTo(generations);
        Attempt taken = machines.get(1).renewal.history().last(Profile.DEFAULT.name()).orElseThrow();
        assertThat(taken.trigger()).isEqualTo(Trigger.REDIS);
        assertThat(taken.failedWith(FailureKind.RATE_LIMITED)).isTrue();
        assertThat(machines.get(1).renewal.reader().read().plan().toString()).as("the schedule waits too")
                .contains("RenewAt");
    }

    @Test
    void withoutItsRedisNoMachineLogsIn() throws Exception {
        Machine alone = new Machine(0, simulator.account().credentials(),
                RedisAddress.parse("redis://tray@127.0.0.1:" + FreePort.pick() + "/0"));

        assertThat(alone.failure()).isInstanceOf(LoginException.class).hasMessageContaining("cannot be reached")
                .satisfies(e -> assertThat(((LoginException) e).failure().kind()).isEqualTo(FailureKind.TRANSIENT));
        assertThat(simulator.counters().requests(LoginStep.DIALOG)).isZero();
        assertThat(alone.renewal.history().last(Profile.DEFAULT.name()).orElseThrow().failedWith(FailureKind.TRANSIENT))
                .as("recorded, so that the schedule backs off").isTrue();
    }

    @Test
    void aRenewRequestForTheAccountRenewsAndOneForAnotherDoesNot() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        InMemorySecretStore keychain = keychain();
        RedisConnector connector = new RedisConnector(new RedisPasswords(keychain));
        try (RenewRequests requests = RenewRequests.start(connector, TestRedis.address(), prefix,
                () -> Optional.of("AB1234"), asked::incrementAndGet, Thread.ofVirtual().factory());
                Jedis follower = connector.connect(TestRedis.address())) {
            Poll.until("the renewer to subscribe", Duration.ofSeconds(10),
                    () -> RenewRequests.ask(follower, prefix, "XY9999") == 1);
            RenewRequests.ask(follower, prefix, "AB1234");
            Poll.until("the request to arrive", Duration.ofSeconds(10), () -> asked.get() == 1);
            assertThat(Poll.holdsFor(Duration.ofMillis(500), () -> asked.get() == 1)).isTrue();
        }
    }

    private long pins() {
        return simulator.counters().count(Event.PIN_ATTEMPTS);
    }

    private UpstoxCredentials credentials(CredentialField field, String value) {
        Map<CredentialField, String> fields = simulator.account().credentials().toFields();
        fields.put(field, value);
        return UpstoxCredentials.parse(fields);
    }

    private List<Machine> machines(int count, UpstoxCredentials credentials) throws Exception {
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            machines.add(new Machine(i, credentials, TestRedis.address()));
        }
        return machines;
    }

    private static InMemorySecretStore keychain() throws Exception {
        InMemorySecretStore keychain = new InMemorySecretStore();
        new RedisPasswords(keychain).save(TestRedis.address(), TestRedis.password());
        return keychain;
    }

    /** One machine: its keychain (with yesterday's token, which names the account) and state folder, and the shared Redis. */
    private final class Machine {
        final ProfileVault vault;
        final RenewalWiring renewal;

        Machine(int number, UpstoxCredentials credentials, RedisAddress redis) throws Exception {
            InMemorySecretStore keychain = keychain();
            vault = new ProfileVault(keychain, Profile.DEFAULT);
            vault.saveCredentials(credentials);
            Instant yesterday = CLOCK.instant().minus(Duration.ofDays(1));
            vault.saveToken(new AccessToken(Secret.of("yesterdays-token"), yesterday, yesterday.plusSeconds(3600),
                    simulator.account().userId(), simulator.account().userName()));
            LoginCoordination coordination = new RedisCoordination(new RedisConnector(new RedisPasswords(keychain)),
                    redis, prefix, "machine-" + number, CLOCK, Thread.ofVirtual().factory());
            renewal = RenewalWiring.of(vault, new UpstoxLoginClient(simulator.hosts(), TIMEOUTS, CLOCK),
                    states.resolve("machine-" + number), () -> RenewalSettings.DEFAULT, CLOCK, LoginTurnstile.alone(),
                    coordination);
        }

        FetchedToken renew() throws Exception {
            return renewal.renewer().renew(Trigger.AUTOMATIC, Optional.empty(), LoginListener.NONE);
        }

        /** What an automatic renewal threw; fails when it renewed. */
        Exception failure() {
            try {
                FetchedToken renewed = renew();
                throw new AssertionError("renewed, through " + renewed.login().map(Attempt::trigger));
            } catch (Exception e) {
                return e;
            }
        }
    }
}
