package dev.tokentray.sim;

import dev.tokentray.token.TokenExpiry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens the simulator issued and has not seen die, log out or be revoked. A token can
 * end early, as at Upstox: a set time after its issue ({@code --revoke-after}), at a logout, or
 * with all the others when the account's static IP changes.
 */
final class IssuedTokens {
    static final String ISSUER = "udapi-gateway-service";

    /** When a token was issued, and when it expires. */
    record Issued(Instant issuedAt, Instant expiresAt) {}

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Hs256Jwt jwt;
    private final Optional<Duration> lifetime;
    private final Optional<Duration> revokeAfter;
    private final Clock clock;
    private final SimulatorCounters counters;

    IssuedTokens(Optional<Duration> lifetime, Optional<Duration> revokeAfter, Clock clock, SimulatorCounters counters) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.jwt = new Hs256Jwt(key);
        this.lifetime = lifetime;
        this.revokeAfter = revokeAfter;
        this.clock = clock;
        this.counters = counters;
    }

    /** A JWT for the user, valid for the set lifetime, else until the next 03:30 IST. */
    String issue(String userId) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = lifetime.map(issuedAt::plus).orElseGet(() -> TokenExpiry.nextDailyExpiry(issuedAt));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("jti", UUID.randomUUID().toString()); // two tokens of one second must differ
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("iss", ISSUER);
        String token = jwt.sign(claims);
        issued.values().removeIf(old -> !old.expiresAt().isAfter(issuedAt));
        issued.put(token, new Issued(issuedAt, expiresAt));
        counters.record(SimulatorCounters.Event.TOKENS_ISSUED);
        return token;
    }

    /** When the token was issued and expires, if this simulator issued it and has not seen it end. */
    Optional<Issued> issued(String token) {
        return Optional.ofNullable(issued.get(token));
    }

    boolean isLive(String token) {
        Issued one = issued.get(token);
        Instant now = clock.instant();
        return one != null && one.expiresAt().isAfter(now)
                && revokeAfter.filter(after -> !now.isBefore(one.issuedAt().plus(after))).isEmpty();
    }

    /** Logs the token out; true when it was live. */
    boolean revoke(String token) {
        boolean live = isLive(token) && issued.remove(token) != null;
        if (live) {
            counters.record(SimulatorCounters.Event.TOKENS_REVOKED);
        }
        return live;
    }

    /** Ends every live token, as a change of the account's static IP does; returns how many. */
    int revokeAll() {
        int revoked = 0;
        for (String token : issued.keySet()) {
            if (revoke(token)) {
                revoked++;
            }
        }
        issued.clear();
        return revoked;
    }
}
