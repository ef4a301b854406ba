package dev.tokentray.ui.setup;

import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.Stop;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the setup window starts from: empty (or filled in, say from a .env) on a first start; the
 * stored login when it edits one, with the secret values left out of the fields (blank keeps the
 * stored one) and the fields of a stop that holds for it marked.
 *
 * @param values   what the fields start with
 * @param stored   the stored credentials, when editing them
 * @param rejected the fields Upstox rejected the stored value of, with what to show under each
 */
public record SetupStart(Map<CredentialField, String> values, Optional<UpstoxCredentials> stored,
        Map<CredentialField, String> rejected) {

    public SetupStart {
        values = Map.copyOf(values);
        rejected = Map.copyOf(rejected);
    }

    /** A first start, the fields empty. */
    public static SetupStart empty() {
        return filledIn(Map.of());
    }

    /** A first start, the fields filled in. */
    public static SetupStart filledIn(Map<CredentialField, String> values) {
        return new SetupStart(values, Optional.empty(), Map.of());
    }

    /** Editing the stored login, with the stop that holds for it, if one does. */
    public static SetupStart editing(UpstoxCredentials stored, Optional<Stop> stop) {
        Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
        stored.toFields().forEach((field, value) -> values.put(field, field.isSecret() ? "" : value));
        Map<CredentialField, String> rejected = new EnumMap<>(CredentialField.class);
        stop.ifPresent(rejection -> rejection.fields().forEach(field -> rejected.put(field, "Upstox rejected this "
                + field.label() + " at " + TimeText.ist(rejection.time()) + ". Enter the right one, or test the same"
                + " again to confirm a retry.")));
        return new SetupStart(values, Optional.of(stored), rejected);
    }

    public boolean editing() {
        return stored.isPresent();
    }
}
