package dev.tokentray.upstox;

import dev.tokentray.token.Secret;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** What the TOTP login needs. Secrets are {@link Secret}s, so {@code toString()} masks them. */
public record UpstoxCredentials(
        String mobileNumber, Secret pin, Secret totpSecret, String clientId, Secret clientSecret, String redirectUri) {

    public UpstoxCredentials {
        Objects.requireNonNull(mobileNumber, "mobileNumber");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(totpSecret, "totpSecret");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
    }

    /**
     * Checks and normalises raw input (from a form, a .env file or the environment).
     *
     * @throws InvalidCredentialsException naming every field that is wrong
     */
    public static UpstoxCredentials parse(Map<CredentialField, String> raw) {
        Map<CredentialField, String> problems = new EnumMap<>(CredentialField.class);
        for (CredentialField field : CredentialField.values()) {
            field.problem(raw.get(field)).ifPresent(problem -> problems.put(field, problem));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCredentialsException(problems);
        }
        return new UpstoxCredentials(
                value(raw, CredentialField.MOBILE),
                Secret.of(value(raw, CredentialField.PIN)),
                Secret.of(value(raw, CredentialField.TOTP_SECRET)),
                value(raw, CredentialField.CLIENT_ID),
                Secret.of(value(raw, CredentialField.CLIENT_SECRET)),
                value(raw, CredentialField.REDIRECT_URI));
    }

    private static String value(Map<CredentialField, String> raw, CredentialField field) {
        return field.normalise(raw.get(field));
    }

    /** The values by field, as {@link #parse} takes them (for a settings form that edits them). */
    public Map<CredentialField, String> toFields() {
        Map<CredentialField, String> fields = new EnumMap<>(CredentialField.class);
        fields.put(CredentialField.MOBILE, mobileNumber);
        fields.put(CredentialField.PIN, pin.reveal());
        fields.put(CredentialField.TOTP_SECRET, totpSecret.reveal());
        fields.put(CredentialField.CLIENT_ID, clientId);
        fields.put(CredentialField.CLIENT_SECRET, clientSecret.reveal());
        fields.put(CredentialField.REDIRECT_URI, redirectUri);
        return fields;
    }
}
