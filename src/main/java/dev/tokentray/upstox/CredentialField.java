package dev.tokentray.upstox;

import dev.tokentray.token.Secret;
import dev.tokentray.token.Totp;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The six things a trader gives the app, with the environment variable names of the
 * upstox-totp SDK, the normalisation a pasted value needs, and the check of each.
 * Messages never repeat a secret value.
 */
public enum CredentialField {
    MOBILE("Mobile number", "UPSTOX_USERNAME", false) {
        @Override
        public String normalise(String raw) {
            String digits = raw.replaceAll("[\\s()-]", "");
            if (digits.matches("\\+91\\d{10}|91\\d{10}")) {
                return digits.substring(digits.length() - 10);
            }
            return digits.matches("0\\d{10}") ? digits.substring(1) : digits;
        }

        @Override
        Optional<String> check(String value) {
            return INDIAN_MOBILE.matcher(value).matches()
                    ? Optional.empty()
                    : Optional.of("Enter the 10-digit mobile number you log in to Upstox with (for example 9876543210).");
        }
    },
    PIN("PIN", "UPSTOX_PIN_CODE", true) {
        @Override
        Optional<String> check(String value) {
            return value.matches("\\d{6}")
                    ? Optional.empty()
                    : Optional.of("The Upstox PIN has exactly 6 digits.");
        }
    },
    TOTP_SECRET("TOTP secret", "UPSTOX_TOTP_SECRET", true) {
        @Override
        Optional<String> check(String value) {
            try {
                Totp.fromBase32(Secret.of(value));
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage() + ".");
            }
        }
    },
    CLIENT_ID("API key", "UPSTOX_CLIENT_ID", false) {
        @Override
        Optional<String> check(String value) {
            return value.matches("[A-Za-z0-9-]{8,64}")
                    ? Optional.empty()
                    : Optional.of("Copy the API key of your app from the Upstox developer console (My Apps).");
        }
    },
    CLIENT_SECRET("API secret", "UPSTOX_CLIENT_SECRET", true) {
        @Override
        Optional<String> check(String value) {
            return value.matches("\\S{4,128}")
                    ? Optional.empty()
                    : Optional.of("Copy the API secret of your app from the Upstox developer console (My Apps).");
        }
    },
    REDIRECT_URI("Redirect URI", "UPSTOX_REDIRECT_URI", false) {
        @Override
        Optional<String> check(String value) {
            try {
                URI uri = new URI(value);
                boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
                if (web && uri.getHost() != null && value.length() <= 300) {
                    return Optional.empty();
                }
            } catch (URISyntaxException e) {
                // falls through to the message below
            }
            return Optional.of("Enter the redirect URL registered for your app in the Upstox developer console,"
                    + " exactly as it is there (for example http://127.0.0.1:5055/callback).");
        }
    };

    private static final Pattern INDIAN_MOBILE = Pattern.compile("[6-9]\\d{9}");

    private final String label;
    private final String environmentVariable;
    private final boolean secret;

    CredentialField(String label, String environmentVariable, boolean secret) {
        this.label = label;
        this.environmentVariable = environmentVariable;
        this.secret = secret;
    }

    public String label() {
        return label;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** Secret fields are masked in the UI and never shown back. */
    public boolean isSecret() {
        return secret;
    }

    /** The value as the app stores it: pasted spaces and prefixes removed. */
    public String normalise(String raw) {
        return raw.strip();
    }

    /** What is wrong with the raw value, in words for the trader; empty when it is fine. */
    public Optional<String> problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(label + " is missing.");
        }
        return check(normalise(raw));
    }

    abstract Optional<String> check(String normalisedValue);
}
