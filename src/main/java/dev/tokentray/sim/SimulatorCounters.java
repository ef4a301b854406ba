package dev.tokentray.sim;

import dev.tokentray.upstox.LoginStep;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reached the simulator, for tests to assert on (for example "a wrong PIN made exactly one
 * PIN attempt"). Requests are counted as they arrive, faulted or not; events only when the
 * simulator really did the thing, in all and per account ({@link #count(Event, SimulatedAccount)}).
 */
public final class SimulatorCounters {

    /** Things the simulator did. */
    public enum Event {
        /** OTP sessions started (step 2 answered with a {@code validateOTPToken}). */
        OTP_GENERATIONS,
        /** TOTP codes checked, right or wrong. */
        OTP_ATTEMPTS,
        /** PINs checked, right or wrong. */
        PIN_ATTEMPTS,
        /** Authorization codes handed out. */
        CODES_ISSUED,
        /** Token requests examined, whatever their outcome. */
        CODE_EXCHANGES,
        TOKENS_ISSUED,
        /** Live tokens ended early: a logout, a revocation, an IP change (each of its tokens). */
        TOKENS_REVOKED,
        /** Approval requests accepted (the API secret was right). */
        APPROVAL_REQUESTS,
        /** Approved tokens POSTed to the Notifier Webhook, whatever it answered. */
        APPROVALS_SENT
    }

    // Filled once here and never changed, so reading the maps needs no lock.
    private final Map<Endpoint, AtomicLong> requests = counters(Endpoint.class);
    private final Map<Event, AtomicLong> events = counters(Event.class);
    private final Map<String, Map<Event, AtomicLong>> eventsByUserId = new ConcurrentHashMap<>();

    SimulatorCounters() {}

    private static <K extends Enum<K>> Map<K, AtomicLong> counters(Class<K> keys) {
        Map<K, AtomicLong> counters = new EnumMap<>(keys);
        for (K key : keys.getEnumConstants()) {
            counters.put(key, new AtomicLong());
        }
        return counters;
    }

    /** Requests to one endpoint (one version of a step), including 404s of the inactive variant. */
    public long requests(Endpoint endpoint) {
        return requests.get(endpoint).get();
    }

    /** Requests to all endpoints of a step. */
    public long requests(LoginStep step) {
        return Arrays.stream(Endpoint.values())
                .filter(endpoint -> endpoint.step().filter(step::equals).isPresent())
                .mapToLong(this::requests)
                .sum();
    }

    public long count(Event event) {
        return events.get(event).get();
    }

    /** What happened for this one account. */
    public long count(Event event, SimulatedAccount account) {
        Map<Event, AtomicLong> own = eventsByUserId.get(account.userId());
        return own == null ? 0 : own.get(event).get();
    }

    void requestArrived(Endpoint endpoint) {
        requests.get(endpoint).incrementAndGet();
    }

    /** An event of no known account (a token request with an unknown API key). */
    void record(Event event) {
        events.get(event).incrementAndGet();
    }

    void record(Event event, SimulatedAccount account) {
        record(event);
        eventsByUserId.computeIfAbsent(account.userId(), id -> counters(Event.class)).get(event).incrementAndGet();
    }
}
