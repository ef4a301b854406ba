package dev.tokentray.renew;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.VirtualTime;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A renewal service on virtual time against the simulator over real HTTP: the simulator runs on
 * the same virtual clock, so its TOTP checks and token expiries follow the test's time.
 */
final class RenewalFixture implements AutoCloseable {
    static final LoginTimeouts QUICK = new LoginTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500));
    /**
     * For tests that inject no delay: room for a cold JVM's first request on a loaded machine,
     * which {@link #QUICK} does not always give.
     */
    static final LoginTimeouts UNHURRIED = new LoginTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    final VirtualTime time;
    final UpstoxSimulator simulator;
    final LockableKeychain keychain = new LockableKeychain();
    final ProfileVault vault = new ProfileVault(keychain, Profile.DEFAULT);
    final ProfileRenewal renewal;
    final RenewalService service;
    final List<RenewalEvent> events = new CopyOnWriteArrayList<>();
    RenewalSettings settings = RenewalSettings.DEFAULT;

    RenewalFixture(Path stateFolder, Instant start, UnaryOperator<SimulatorConfig> simulatorConfig) throws Exception {
        this(stateFolder, start, simulatorConfig, QUICK);
    }

    RenewalFixture(Path stateFolder, Instant start, UnaryOperator<SimulatorConfig> simulatorConfig,
            LoginTimeouts timeouts) throws Exception {
        time = new VirtualTime(start);
        simulator = UpstoxSimulator.start(simulatorConfig.apply(SimulatorConfig.defaults(time.clock())));
        renewal = ProfileRenewal.of(vault, new UpstoxLoginClient(simulator.hosts(), timeouts, time.clock()), stateFolder,
                () -> settings, time.clock());
        service = renewal.service(time, time::nanoTime);
        service.addListener(new RenewalListener() {
            @Override
            public void event(RenewalEvent event) {
                events.add(event);
            }
        });
    }

    static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TokenExpiry.IST).toInstant();
    }

    RenewalFixture withCredentials() throws Exception {
        vault.saveCredentials(simulator.account().credentials());
        return this;
    }

    RenewalFixture withCredentials(CredentialField field, String value) throws Exception {
        Map<CredentialField, String> fields = simulator.account().credentials().toFields();
        fields.put(field, value);
        vault.saveCredentials(UpstoxCredentials.parse(fields));
        return this;
    }

    /** Tokens the simulator issued: logins that went all the way. */
    long logins() {
        return simulator.counters().count(Event.TOKENS_ISSUED);
    }

    long pinAttempts() {
        return simulator.counters().count(Event.PIN_ATTEMPTS);
    }

    List<Attempt> attempts() {
        return renewal.history().attempts(Profile.DEFAULT.name());
    }

    SimulatedAccount account() {
        return simulator.account();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
