package dev.tokentray.token;

import java.time.Instant;
import java.util.Objects;

/** An Upstox access token with what the app knows of it. Its {@code toString()} masks the value. */
public record AccessToken(Secret value, Instant issuedAt, Instant expiresAt, String userId, String userName) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        userId = Objects.requireNonNullElse(userId, "");
        userName = Objects.requireNonNullElse(userName, "");
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

    public TokenState stateAt(Instant now) {
        return TokenState.of(this, now);
    }
}
