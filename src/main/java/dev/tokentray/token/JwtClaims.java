package dev.tokentray.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The claims of a JWT payload that the app reads. The signature is not checked: only Upstox
 * can check it, and the app uses the claims to plan, not to trust.
 */
public record JwtClaims(Optional<String> subject, Optional<Instant> issuedAt, Optional<Instant> expiresAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The claims, or empty when the value is not a readable JWT. */
    public static Optional<JwtClaims> read(Secret jwt) {
        String[] parts = jwt.reveal().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (payload == null || !payload.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new JwtClaims(
                    text(payload, "sub"), epochSeconds(payload, "iat"), epochSeconds(payload, "exp")));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty(); // not Base64url or not JSON: no claims, and no token text in any message
        }
    }

    private static Optional<String> text(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> epochSeconds(JsonNode payload, String name) {
        JsonNode node = payload.get(name);
        return node != null && node.canConvertToLong() ? Optional.of(Instant.ofEpochSecond(node.asLong())) : Optional.empty();
    }
}
