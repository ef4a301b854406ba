package dev.tokentray.upstox;

import dev.tokentray.token.Secret;
import java.util.Objects;

/**
 * The code Upstox's login hands back on the redirect URI, to be exchanged for a token. Single-use
 * and short-lived, and with the API secret as good as a token: kept as a {@link Secret}, so that
 * it never shows in a log line or a message.
 */
public record AuthorizationCode(Secret value) {
    public AuthorizationCode {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("An authorization code is not blank");
        }
    }

    public static AuthorizationCode of(String value) {
        return new AuthorizationCode(Secret.of(value));
    }
}
