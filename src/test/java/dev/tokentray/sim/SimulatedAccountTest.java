package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.upstox.InvalidCredentialsException;
import dev.tokentray.upstox.UpstoxCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedAccountTest {

    @Test
    void defaultsAreALoginTheAppAccepts() {
        UpstoxCredentials credentials = SimulatedAccount.defaults().credentials();

        assertThat(UpstoxCredentials.parse(credentials.toFields())).isEqualTo(credentials);
        assertThat(credentials.mobileNumber()).isEqualTo("9876543210");
        assertThat(credentials.pin().reveal()).isEqualTo("123456");
        assertThat(credentials.redirectUri()).isEqualTo("http://127.0.0.1:5055/callback");
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        SimulatedAccount account = SimulatedAccount.fromEnvironment(Map.of(
                "UPSTOX_USERNAME", "9123456780",
                "UPSTOX_PIN_CODE", "654321",
                "UPSTOX_CLIENT_ID", "my-api-key-1"));

        assertThat(account.credentials().mobileNumber()).isEqualTo("9123456780");
        assertThat(account.credentials().pin().reveal()).isEqualTo("654321");
        assertThat(account.clientId()).isEqualTo("my-api-key-1");
        assertThat(account.credentials().totpSecret().reveal()).isEqualTo(SimulatedAccount.DEFAULT_TOTP_SECRET);
        assertThat(account.userId()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
    }

    @Test
    void refusesAnEnvironmentValueTheAppWouldRefuse() {
        assertThatThrownBy(() -> SimulatedAccount.fromEnvironment(Map.of("UPSTOX_PIN_CODE", "12")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("UPSTOX_PIN_CODE")
                .hasMessageNotContaining("12\n");
    }
}
