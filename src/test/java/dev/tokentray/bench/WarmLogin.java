package dev.tokentray.bench;

import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.time.Clock;

/**
 * A full login (the six steps, each in its own cookie session, as the app does it) against the
 * loopback simulator, many times in one JVM: {@code WARMUPS} unmeasured, then {@code RUNS}
 * measured, one line {@code login-ms N.NNN} each. The bench runs it as its own process, on the
 * test classpath: {@code java -cp ... dev.tokentray.bench.WarmLogin WARMUPS RUNS}.
 */
public final class WarmLogin {
    private WarmLogin() {}

    public static void main(String[] args) throws Exception {
        int warmups = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Clock clock = Clock.systemUTC();
        SimulatorConfig config = SimulatorConfig.defaults(clock).withOtpRateLimit(Integer.MAX_VALUE);
        try (UpstoxSimulator simulator = UpstoxSimulator.start(config)) {
            UpstoxLoginClient client = new UpstoxLoginClient(simulator.hosts(), LoginTimeouts.DEFAULT, clock);
            UpstoxCredentials credentials = simulator.account().credentials();
            for (int i = 0; i < warmups; i++) {
                client.login(credentials, LoginListener.NONE);
            }
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                client.login(credentials, LoginListener.NONE);
                System.out.printf("login-ms %.3f%n", (System.nanoTime() - started) / 1e6);
            }
        }
    }
}
