package dev.tokentray.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void neverShowsItsValueInToString() {
        Secret secret = Secret.of("123456");
        assertThat(secret.toString()).doesNotContain("123456");
        assertThat(String.valueOf(secret)).isEqualTo("******");
        assertThat("PIN " + secret).doesNotContain("1234");
    }

    @Test
    void showsOnlyTheEndsWhenAskedToMask() {
        assertThat(Secret.of("eyJhbGciOiJIUzI1NiJ9.payload.signature").masked(6)).isEqualTo("eyJhbG…nature");
        assertThat(Secret.of("short").masked(6)).isEqualTo("******");
    }

    @Test
    void comparesByValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    }
}
