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
    /**
     * Shorter than the app's, for tests that wait out a timeout; long enough for the first
     * request of a cold JVM on a loaded two-core machine (half a second was not).
     */
    static final LoginTimeouts QUICK = new LoginTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    /**
     * For tests that inject no delay and wait out no timeout: more room still for a cold JVM's
     * first request on a loaded machine.
     */
    static final LoginTimeouts UNHURRIED = new LoginTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

    final Path state;
    final VirtualTime time;
    final UpstoxSimulator simulator;
    final LockableKeychain keychain = new LockableKeychain();
    final ProfileVault vault = new ProfileVault(keychain, Profile.DEFAULT);
    final RenewalWiring renewal;
    final RenewalSchedule service;
    final List<RenewalEvent> events = new CopyOnWriteArrayList<>();
    RenewalSettings settings = RenewalSettings.DEFAULT;

    RenewalFixture(Path stateFolder, Instant start, UnaryOperator<SimulatorConfig> simulatorConfig) throws Exception {
        this(stateFolder, start, simulatorConfig, QUICK);
    }

    RenewalFixture(Path stateFolder, Instant start, UnaryOperator<SimulatorConfig> simulatorConfig,
            LoginTimeouts timeouts) throws Exception {
        state = stateFolder;
        time = new VirtualTime(start);
        simulator = UpstoxSimulator.start(simulatorConfig.apply(SimulatorConfig.defaults(time.clock())));
        renewal = RenewalWiring.of(vault, new UpstoxLoginClient(simulator.hosts(), timeouts, time.clock()), stateFolder,
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
        vault.saveCredentials(credentials(field, value));
        return this;
    }

    /** The renewal of {@code profile} in another process: the same keychain and state folder, nothing else. */
    RenewalWiring otherProcess(Profile profile) {
        return RenewalWiring.of(new ProfileVault(keychain, profile),
                new UpstoxLoginClient(simulator.hosts(), QUICK, time.clock()), state, () -> settings, time.clock());
    }

    UpstoxCredentials credentials(CredentialField field, String value) {
        Map<CredentialField, String> fields = simulator.account().credentials().toFields();
        fields.put(field, value);
        return UpstoxCredentials.parse(fields);
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
        service.close();
        simulator.close();
    }
}
