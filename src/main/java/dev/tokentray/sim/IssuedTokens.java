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

/** The access tokens the simulator issued and has not seen die or log out. */
final class IssuedTokens {
    static final String ISSUER = "udapi-gateway-service";

    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final Hs256Jwt jwt;
    private final Optional<Duration> lifetime;
    private final Clock clock;
    private final SimulatorCounters counters;

    IssuedTokens(Optional<Duration> lifetime, Clock clock, SimulatorCounters counters) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.jwt = new Hs256Jwt(key);
        this.lifetime = lifetime;
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
        expiryByToken.values().removeIf(expiry -> !expiry.isAfter(issuedAt));
        expiryByToken.put(token, expiresAt);
        counters.record(SimulatorCounters.Event.TOKENS_ISSUED);
        return token;
    }

    boolean isLive(String token) {
        Instant expiry = expiryByToken.get(token);
        return expiry != null && expiry.isAfter(clock.instant());
    }

    /** Logs the token out; true when it was live. */
    boolean revoke(String token) {
        return isLive(token) && expiryByToken.remove(token) != null;
    }
}
