package dev.tokentray.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in Base32. */
    private static final String RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /** RFC 6238 appendix B (SHA-1); Upstox uses 6 digits, the last 6 of the RFC's 8. */
    @ParameterizedTest
    @CsvSource({
        "59, 287082",
        "1111111109, 081804",
        "1111111111, 050471",
        "1234567890, 005924",
        "2000000000, 279037",
        "20000000000, 353130"
    })
    void givesTheRfc6238Codes(long epochSeconds, String code) {
        assertThat(Totp.fromBase32(Secret.of(RFC_KEY)).codeAt(Instant.ofEpochSecond(epochSeconds))).isEqualTo(code);
    }

    @Test
    void readsSecretsPastedWithSpacesLowerCaseDashesAndPadding() {
        Instant time = Instant.ofEpochSecond(1234567890);
        String pasted = " gezd gnbv-gy3t qojq gezd gnbv gy3t qojq==== ";
        assertThat(Totp.fromBase32(Secret.of(pasted)).codeAt(time)).isEqualTo("005924");
    }

    @Test
    void rejectsWhatIsNotBase32WithoutQuotingIt() {
        assertThatThrownBy(() -> Totp.fromBase32(Secret.of("NOT-BASE32-1890-SECRET")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Base32")
                .hasMessageNotContaining("1890");
        assertThatThrownBy(() -> Totp.fromBase32(Secret.of("ABCDEFGH"))).hasMessageContaining("at least 16");
    }

    @Test
    void countsTheSecondsTheCodeStaysCurrent() {
        assertThat(Totp.secondsLeft(Instant.ofEpochSecond(60))).isEqualTo(30);
        assertThat(Totp.secondsLeft(Instant.ofEpochSecond(89))).isEqualTo(1);
    }

    @Test
    void neverShowsItsKey() {
        assertThat(Totp.fromBase32(Secret.of(RFC_KEY)).toString()).doesNotContain("GEZD");
    }
}
