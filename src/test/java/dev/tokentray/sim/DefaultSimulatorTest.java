package dev.tokentray.sim;

import dev.tokentray.testsupport.MutableClock;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator with its default account, started for each test at a fixed moment, and the script that logs in to it. */
abstract class DefaultSimulatorTest {
    /** A moment at which 000000 is none of the three TOTP codes accepted. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T03:00:00Z"));
    protected UpstoxSimulator simulator;
    protected LoginScript login;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        login = new LoginScript(simulator, clock);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }
}
