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
import java.util.function.Predicate;

/**
 * The access tokens the simulator issued and has not seen die, log out or be revoked, each of its
 * account. A token can end early, as at Upstox: a set time after its issue ({@code --revoke-after}),
 * at a logout, or with all the others of its account when the account's static IP changes.
 */
final class IssuedTokens {
    static final String ISSUER = "udapi-gateway-service";

    /** Whose a token is, when it was issued, and when it expires. */
    record Issued(String userId, Instant issuedAt, Instant expiresAt) {}

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
        issued.values().removeIf(old -> !old.expiresAt().isAfter(issuedAt));
        issued.put(token, new Issued(userId, issuedAt, expiresAt));
        counters.record(SimulatorCounters.Event.TOKENS_ISSUED, account);
        return token;
    }

    /** Whose the token is, and when it was issued and expires, if this simulator issued it and has not seen it end. */
    Optional<Issued> issued(String token) {
        return Optional.ofNullable(issued.get(token));
    }

    boolean isLive(String token) {
        return owner(token).isPresent();
    }

    /** The user id of a live token's account. */
    Optional<String> owner(String token) {
        Issued one = issued.get(token);
        Instant now = clock.instant();
        boolean live = one != null && one.expiresAt().isAfter(now)
                && revokeAfter.filter(after -> !now.isBefore(one.issuedAt().plus(after))).isEmpty();
        return live ? Optional.of(one.userId()) : Optional.empty();
    }

    /** Logs the token out; true when it was live. */
    boolean revoke(String token) {
        boolean live = isLive(token) && issued.remove(token) != null;
        if (live) {
            counters.record(SimulatorCounters.Event.TOKENS_REVOKED);
        }
        return live;
    }

    /** Ends every live token of the account, as a change of its static IP does; returns how many. */
    int revokeAllOf(String userId) {
        return revokeAll(one -> one.userId().equals(userId));
    }

    /** Ends every live token of every account; returns how many. */
    int revokeAll() {
        return revokeAll(one -> true);
    }

    private int revokeAll(Predicate<Issued> which) {
        int revoked = 0;
        for (Map.Entry<String, Issued> token : issued.entrySet()) {
            if (which.test(token.getValue())) {
                if (revoke(token.getKey())) {
                    revoked++;
                }
                issued.remove(token.getKey());
            }
        }
        return revoked;
    }
}
