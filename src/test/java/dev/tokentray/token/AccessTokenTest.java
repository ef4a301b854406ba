package dev.tokentray.token;

import static dev.tokentray.token.TokenExpiryTest.ist;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    static Secret jwt(String payloadJson) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return Secret.of(base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl");
    }

    @Test
    void expiresAtTheJwtExpClaim() {
        Instant exp = ist("2026-11-22T03:30");
        Instant iat = ist("2026-11-21T09:00");
        AccessToken token = AccessToken.issued(
                jwt("{\"sub\":\"AB1234\",\"iat\":" + iat.getEpochSecond() + ",\"exp\":" + exp.getEpochSecond()
                        + ",\"iss\":\"udapi-gateway-service\"}"),
                ist("2026-11-21T09:00:02"), "AB1234", "Trader");
        assertThat(token.expiresAt()).isEqualTo(exp);
        assertThat(token.issuedAt()).isEqualTo(iat);
    }

    @Test
    void withoutAReadableExpDiesAtTheNext0330AfterIssue() {
        Instant iat = ist("2026-11-21T02:30");
        AccessToken fromIat = AccessToken.issued(jwt("{\"iat\":" + iat.getEpochSecond() + "}"), ist("2026-11-21T02:31"), "", "");
        assertThat(fromIat.expiresAt()).isEqualTo(ist("2026-11-21T03:30"));

        AccessToken opaque = AccessToken.issued(Secret.of("not-a-jwt"), ist("2026-11-21T10:15"), "", "");
        assertThat(opaque.issuedAt()).isEqualTo(ist("2026-11-21T10:15"));
        assertThat(opaque.expiresAt()).isEqualTo(ist("2026-11-22T03:30"));

        AccessToken badPayload = AccessToken.issued(Secret.of("eyJ.@@@.x"), ist("2026-11-21T10:15"), "", "");
        assertThat(badPayload.expiresAt()).isEqualTo(ist("2026-11-22T03:30"));
    }

    @Test
    void hasAStateAtEachMoment() {
        Instant expiry = ist("2026-11-22T03:30");
        AccessToken token = new AccessToken(Secret.of("t"), ist("2026-11-21T09:00"), expiry, "U", "N");
        assertThat(TokenState.of(Optional.empty(), expiry)).isEqualTo(TokenState.MISSING);
        assertThat(token.stateAt(expiry.minus(Duration.ofHours(2)))).isEqualTo(TokenState.VALID);
        assertThat(token.stateAt(expiry.minus(Duration.ofHours(1)))).isEqualTo(TokenState.VALID);
        assertThat(token.stateAt(expiry.minus(Duration.ofMinutes(59)))).isEqualTo(TokenState.EXPIRING);
        assertThat(token.stateAt(expiry)).isEqualTo(TokenState.EXPIRED);
        assertThat(TokenState.EXPIRING.usable()).isTrue();
        assertThat(TokenState.EXPIRED.usable()).isFalse();
    }

    @Test
    void masksItsValueInToString() {
        Secret value = jwt("{\"sub\":\"AB1234\"}");
        AccessToken token = new AccessToken(value, Instant.EPOCH, Instant.EPOCH, "AB1234", "Trader");
        assertThat(token.toString()).doesNotContain(value.reveal()).contains("AB1234");
    }
}
