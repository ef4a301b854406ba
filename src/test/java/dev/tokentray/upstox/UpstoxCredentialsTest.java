package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstoxCredentialsTest {
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    static Map<CredentialField, String> valid() {
        Map<CredentialField, String> raw = new EnumMap<>(CredentialField.class);
        raw.put(CredentialField.MOBILE, "9876543210");
        raw.put(CredentialField.PIN, "123456");
        raw.put(CredentialField.TOTP_SECRET, TOTP_SECRET);
        raw.put(CredentialField.CLIENT_ID, "3f8d2c1a-5b6e-4f7a-9c0d-1e2f3a4b5c6d");
        raw.put(CredentialField.CLIENT_SECRET, "s3cr3t-api");
        raw.put(CredentialField.REDIRECT_URI, "http://127.0.0.1:5055/callback");
        return raw;
    }

    @Test
    void normalisesPastedValues() {
        Map<CredentialField, String> raw = valid();
        raw.put(CredentialField.MOBILE, "+91 98765-43210");
        raw.put(CredentialField.CLIENT_ID, "  3f8d2c1a-5b6e-4f7a-9c0d-1e2f3a4b5c6d ");
        UpstoxCredentials credentials = UpstoxCredentials.parse(raw);
        assertThat(credentials.mobileNumber()).isEqualTo("9876543210");
        assertThat(credentials.clientId()).isEqualTo("3f8d2c1a-5b6e-4f7a-9c0d-1e2f3a4b5c6d");
        assertThat(CredentialField.MOBILE.normalise("09876543210")).isEqualTo("9876543210");
    }

    @Test
    void namesEveryWrongFieldWithoutRepeatingASecret() {
        Map<CredentialField, String> raw = valid();
        raw.put(CredentialField.MOBILE, "12345");
        raw.put(CredentialField.PIN, "55555");
        raw.put(CredentialField.TOTP_SECRET, "not base32 0189");
        raw.remove(CredentialField.CLIENT_SECRET);
        raw.put(CredentialField.REDIRECT_URI, "callback");

        InvalidCredentialsException e = catchThrowableOfType(InvalidCredentialsException.class, () -> UpstoxCredentials.parse(raw));

        assertThat(e.problems()).containsOnlyKeys(CredentialField.MOBILE, CredentialField.PIN,
                CredentialField.TOTP_SECRET, CredentialField.CLIENT_SECRET, CredentialField.REDIRECT_URI);
        assertThat(e.getMessage())
                .contains("UPSTOX_USERNAME", "UPSTOX_PIN_CODE", "UPSTOX_TOTP_SECRET", "UPSTOX_CLIENT_SECRET")
                .contains("API secret is missing")
                .doesNotContain("55555", "0189");
    }

    @Test
    void masksSecretsInToString() {
        UpstoxCredentials credentials = UpstoxCredentials.parse(valid());
        assertThat(credentials.toString())
                .contains("9876543210")
                .doesNotContain("123456", TOTP_SECRET, "s3cr3t-api");
    }

    @Test
    void givesItsFieldsBackForAForm() {
        assertThat(UpstoxCredentials.parse(valid()).toFields()).isEqualTo(valid());
    }
}
