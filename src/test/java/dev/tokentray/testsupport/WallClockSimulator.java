package dev.tokentray.testsupport;

import dev.tokentray.sim.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * The simulator's defaults on the wall clock, for tests and the bench that run the app in real
 * time, with tokens that live {@link #TOKEN_LIFETIME}. By Upstox's rule a token issued between
 * 02:30 and 03:30 IST dies within the hour: the app shows it as expiring soon, and one issued a
 * second before 03:30 is dead for the next reader, so what such a test sees would depend on the
 * hour it runs (the CI run of 2026-12-04 at 02:46 IST failed 20 UI tests on it). The 03:30 rule has
 * tests of its own, on fixed clocks.
 */
public final class WallClockSimulator {
    /** Longer than any run, and than the app's "expires soon" hour. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private WallClockSimulator() {}

    public static SimulatorConfig defaults() {
        return SimulatorConfig.defaults(Clock.systemUTC()).withTokenLifetime(TOKEN_LIFETIME);
    }
}
