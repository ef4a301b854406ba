package dev.tokentray.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes: single use and short lived, as Upstox's are. */
final class AuthCodes {
    /** Upstox does not say; a client that exchanges the code at once never comes near it. */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final Map<String, Instant> expiryByCode = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SimulatorCounters counters;

    AuthCodes(Clock clock, SimulatorCounters counters) {
        this.clock = clock;
        this.counters = counters;
    }

    String issue() {
        Instant now = clock.instant();
        expiryByCode.values().removeIf(expiry -> !expiry.isAfter(now));
        String code = RandomIds.next(6);
        expiryByCode.put(code, now.plus(LIFETIME));
        counters.record(SimulatorCounters.Event.CODES_ISSUED);
        return code;
    }

    /** True for a code that was issued, is not used yet and has not expired; uses it up. */
    boolean redeem(String code) {
        Instant expiry = expiryByCode.remove(code);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
