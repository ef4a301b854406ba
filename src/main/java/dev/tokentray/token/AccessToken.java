package dev.tokentray.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An Upstox access token with what the app knows of it. Its {@code toString()} masks the value.
 *
 * @param revokedAt when Upstox was found to refuse it before its expiry (an IP change, a logout,
 *                  a revocation): it is then dead, whatever its {@code exp} says
 */
public record AccessToken(Secret value, Instant issuedAt, Instant expiresAt, String userId, String userName,
        Optional<Instant> revokedAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        userId = Objects.requireNonNullElse(userId, "");
        userName = Objects.requireNonNullElse(userName, "");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** A token not known to be revoked. */
    public AccessToken(Secret value, Instant issuedAt, Instant expiresAt, String userId, String userName) {
        this(value, issuedAt, expiresAt, userId, userName, Optional.empty());
    }

    /**
     * A token as Upstox just issued it: its expiry is the JWT's {@code exp}; only where that
     * cannot be read, the next 03:30 IST after it was issued ({@code iat}, else {@code receivedAt}).
     */
    public static AccessToken issued(Secret value, Instant receivedAt, String userId, String userName) {
        var claims = JwtClaims.read(value);
        Instant issuedAt = claims.flatMap(JwtClaims::issuedAt).orElse(receivedAt);
        Instant expiresAt = claims.flatMap(JwtClaims::expiresAt).orElseGet(() -> TokenExpiry.nextDailyExpiry(issuedAt));
        return new AccessToken(value, issuedAt, expiresAt, userId, userName);
    }

    /** This token, marked as refused by Upstox from {@code at} on. */
    public AccessToken revoked(Instant at) {
        return new AccessToken(value, issuedAt, expiresAt, userId, userName, Optional.of(at));
    }

    public TokenState stateAt(Instant now) {
        return TokenState.of(this, now);
    }
}
