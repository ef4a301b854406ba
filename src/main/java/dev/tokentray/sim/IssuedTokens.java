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

    private record Issued(String userId, Instant expiry) {}

    private final Map<String, Issued> byToken = new ConcurrentHashMap<>();
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

    /**
     * A JWT for the account, valid for the account's own lifetime or the set one, else until the
     * next 03:30 IST.
     */
    String issue(SimulatedAccount account) {
        String userId = account.userId();
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = account.tokenLifetime().or(() -> lifetime).map(issuedAt::plus)
                .orElseGet(() -> TokenExpiry.nextDailyExpiry(issuedAt));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("jti", UUID.randomUUID().toString()); // two tokens of one second must differ
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("iss", ISSUER);
        String token = jwt.sign(claims);
        byToken.values().removeIf(issued -> !issued.expiry().isAfter(issuedAt));
        byToken.put(token, new Issued(userId, expiresAt));
        counters.record(SimulatorCounters.Event.TOKENS_ISSUED, account);
        return token;
    }

    /** The user id of a live token's account. */
    Optional<String> owner(String token) {
        Issued issued = byToken.get(token);
        return issued != null && issued.expiry().isAfter(clock.instant()) ? Optional.of(issued.userId()) : Optional.empty();
    }

    /** Logs the token out; true when it was live. */
    boolean revoke(String token) {
        return owner(token).isPresent() && byToken.remove(token) != null;
    }
}
