package dev.tokentray.sim;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.InvalidCredentialsException;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.codec.binary.Base32;

/**
 * An Upstox account the simulator knows: the login a trader would give the app
 * ({@link #credentials()}, ready for a client under test), and what Upstox knows of the trader.
 * The defaults are fixed and public so that tests, demos and the README can name them; the
 * {@link #numbered} accounts beside them are as fixed, each with its own mobile number, API key
 * and user id.
 *
 * @param profileId     the account's profile id, which the OTP check answers and the PIN step must send back
 * @param tokenLifetime how long this account's tokens live, when not as the simulator's setting says
 */
public record SimulatedAccount(UpstoxCredentials credentials, String userId, String userName, String email,
        long profileId, Optional<Duration> tokenLifetime) {
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
    /** The default account's profile id. */
    public static final long PROFILE_ID = 700001L;
    /** The names of the numbered accounts after the first: a family's accounts, as a trader keeps them. */
    private static final List<String> NAMES = List.of("Priya Sharma", "Ravi Kumar", "Asha Rao", "Vikram Iyer",
            "Meera Nair", "Arjun Menon", "Kavya Reddy", "Rohan Das");

    public SimulatedAccount {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    }

    /** An account with the default profile id, whose tokens live as the simulator's setting says. */
    public SimulatedAccount(UpstoxCredentials credentials, String userId, String userName, String email) {
        this(credentials, userId, userName, email, PROFILE_ID, Optional.empty());
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

    /**
     * The {@code n}th account of a family (1 to 9): the first is {@link #defaults()}; each other
     * has its own mobile number ({@code 98765432}0n), PIN, TOTP secret, API key and secret, user id
     * ({@code SIM00n}) and profile id, and the default redirect URI.
     */
    public static SimulatedAccount numbered(int n) {
        if (n < 1 || n > NAMES.size() + 1) {
            throw new IllegalArgumentException("Numbered accounts go from 1 to " + (NAMES.size() + 1) + ", not " + n);
        }
        if (n == 1) {
            return defaults();
        }
        Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
        values.put(CredentialField.MOBILE, "987654320" + n);
        values.put(CredentialField.PIN, "24680" + n);
        values.put(CredentialField.TOTP_SECRET, new Base32().encodeToString(
                ("simulated-account-" + n + "-totp").getBytes(StandardCharsets.US_ASCII)).replace("=", ""));
        values.put(CredentialField.CLIENT_ID, DEFAULT_CLIENT_ID.substring(0, DEFAULT_CLIENT_ID.length() - 2) + "0" + n);
        values.put(CredentialField.CLIENT_SECRET, DEFAULT_CLIENT_SECRET + n);
        values.put(CredentialField.REDIRECT_URI, DEFAULT_REDIRECT_URI);
        String name = NAMES.get(n - 2);
        return new SimulatedAccount(UpstoxCredentials.parse(values), "SIM00" + n, name,
                name.split(" ")[0].toLowerCase(Locale.ROOT) + "@example.com", PROFILE_ID + n - 1, Optional.empty());
    }

    /** This account's login with another PIN: one the simulator refuses, unless it is the account's own. */
    public UpstoxCredentials credentialsWithPin(String pin) {
        Map<CredentialField, String> fields = new EnumMap<>(credentials.toFields());
        fields.put(CredentialField.PIN, pin);
        return UpstoxCredentials.parse(fields);
    }

    /** The same account, its tokens living {@code lifetime} whatever the simulator's setting. */
    public SimulatedAccount withTokenLifetime(Duration lifetime) {
        return new SimulatedAccount(credentials, userId, userName, email, profileId, Optional.of(lifetime));
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
