package dev.tokentray.sim;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.InvalidCredentialsException;
import dev.tokentray.upstox.UpstoxCredentials;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one Upstox account the simulator knows: the login a trader would give the app
 * ({@link #credentials()}, ready for a client under test), and what Upstox knows of the trader. The defaults are fixed and public so that tests, demos and the
 * README can name them.
 */
public record SimulatedAccount(UpstoxCredentials credentials, String userId, String userName, String email) {
    public static final String DEFAULT_MOBILE = "9876543210";
    public static final String DEFAULT_PIN = "123456";
    /** The RFC 6238 test key ("12345678901234567890") in Base32. */
    public static final String DEFAULT_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    public static final String DEFAULT_CLIENT_ID = "6f1c2d3e-4a5b-4c7d-8e9f-0a1b2c3d4e5f";
    /** Letters and digits only, so that a client that forgets to URL-encode the form still works. */
    public static final String DEFAULT_CLIENT_SECRET = "sim0secret0key";
    public static final String DEFAULT_REDIRECT_URI = "http://127.0.0.1:5055/callback";
    public static final String DEFAULT_USER_ID = "SIM001";
    public static final String DEFAULT_USER_NAME = "Simulated Trader";
    public static final String DEFAULT_EMAIL = "trader@example.com";
    /** The account's profile id, which the OTP check answers and the PIN step must send back. */
    public static final long PROFILE_ID = 700001L;

    public SimulatedAccount {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
    }

    public static SimulatedAccount defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * The account from the {@code UPSTOX_*} variables the app reads in {@code setup --from-env},
     * each missing one replaced by its default, so that the same variables drive both sides.
     *
     * @throws InvalidCredentialsException when a variable is set to a value the app would refuse
     */
    public static SimulatedAccount fromEnvironment(Map<String, String> environment) {
        Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
        for (CredentialField field : CredentialField.values()) {
            values.put(field, environment.getOrDefault(field.environmentVariable(), defaultValue(field)));
        }
        return new SimulatedAccount(
                UpstoxCredentials.parse(values), DEFAULT_USER_ID, DEFAULT_USER_NAME, DEFAULT_EMAIL);
    }

    private static String defaultValue(CredentialField field) {
        return switch (field) {
            case MOBILE -> DEFAULT_MOBILE;
            case PIN -> DEFAULT_PIN;
            case TOTP_SECRET -> DEFAULT_TOTP_SECRET;
            case CLIENT_ID -> DEFAULT_CLIENT_ID;
            case CLIENT_SECRET -> DEFAULT_CLIENT_SECRET;
            case REDIRECT_URI -> DEFAULT_REDIRECT_URI;
        };
    }

    public String clientId() {
        return credentials.clientId();
    }

    public String redirectUri() {
        return credentials.redirectUri();
    }
}
