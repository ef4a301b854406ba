package dev.tokentray.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenExpiryTest {

    @ParameterizedTest(name = "issued {0} IST dies {1} IST")
    @CsvSource({
        "2026-11-21T02:30, 2026-11-21T03:30", // NOT 24 hours: the same morning
        "2026-11-21T03:29:59, 2026-11-21T03:30",
        "2026-11-21T03:30, 2026-11-22T03:30",
        "2026-11-21T03:31, 2026-11-22T03:30",
        "2026-11-21T09:00, 2026-11-22T03:30",
        "2026-11-21T23:59:59, 2026-11-22T03:30",
        "2026-12-31T21:00, 2027-01-01T03:30"
    })
    void aTokenDiesAtTheNext0330Ist(String issued, String expires) {
        assertThat(TokenExpiry.nextDailyExpiry(ist(issued))).isEqualTo(ist(expires));
    }

    static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TokenExpiry.IST).toInstant();
    }
}
