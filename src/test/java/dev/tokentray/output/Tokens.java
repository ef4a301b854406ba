package dev.tokentray.output;

import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** Tokens for the outputs' tests: distinct values, and the fields the outputs write. */
final class Tokens {
    static final String USER_ID = "SIM001";
    static final String USER_NAME = "Simulated Trader";

    private Tokens() {}

    /** A JWT-shaped value, unique per call. */
    static AccessToken token(Instant issuedAt, Duration lifetime) {
        String value = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTSU0wMDEifQ." + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        return new AccessToken(Secret.of(value), issuedAt, issuedAt.plus(lifetime), USER_ID, USER_NAME);
    }

    static AccessToken token() {
        return token(Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofHours(8));
    }

    static NewToken renewed(AccessToken token) {
        return new NewToken("default", token, Optional.of(Trigger.AUTOMATIC), "test-host");
    }
}
