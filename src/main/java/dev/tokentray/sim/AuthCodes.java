package dev.tokentray.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authorization codes: single use and short lived, as Upstox's are. */
final class AuthCodes {
    /** Upstox does not say; a client that exchanges the code at once never comes near it. */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private record Issued(String userId, Instant expiry) {}

    private final Map<String, Issued> byCode = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SimulatorCounters counters;

    AuthCodes(Clock clock, SimulatorCounters counters) {
        this.clock = clock;
        this.counters = counters;
    }

    /** A new code of the account's login. */
    String issue(SimulatedAccount account) {
        Instant now = clock.instant();
        byCode.values().removeIf(issued -> !issued.expiry().isAfter(now));
        String code = RandomIds.next(6);
        byCode.put(code, new Issued(account.userId(), now.plus(LIFETIME)));
        counters.record(SimulatorCounters.Event.CODES_ISSUED, account);
        return code;
    }

    /**
     * The user id of the account the code was issued to, for a code that was issued, is not used
     * yet and has not expired; uses it up.
     */
    Optional<String> redeem(String code) {
        Issued issued = byCode.remove(code);
        return issued != null && issued.expiry().isAfter(clock.instant()) ? Optional.of(issued.userId()) : Optional.empty();
    }
}
