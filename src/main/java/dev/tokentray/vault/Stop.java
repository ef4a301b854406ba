package dev.tokentray.vault;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Upstox turned down, kept so that nothing automatic sends it again: the values it rejected
 * as keyed {@link Fingerprints} (never the values, never a plain hash), when, at which step, and
 * what Upstox said. A stop holds while the current values match all its fingerprints; one with
 * none (a locked account) holds whatever the values.
 *
 * @param id           random, so that a trader's confirmed retry names the rejection it answers
 * @param fingerprints the fingerprint of each rejected value, by field
 * @param message      what happened and what to do, as the failure said it; never a secret
 */
public record Stop(String id, Reason reason, Map<CredentialField, String> fingerprints, Instant time, LoginStep step,
        String message) {

    /** Why the values are stopped. */
    public enum Reason {
        /** Upstox rejected them. */
        REJECTED,
        /** After the PIN or TOTP was sent, Upstox answered in a way the app does not know: maybe a rejection. */
        UNCLEAR,
        /** Upstox said the account is locked: no value may be sent until the trader confirms. */
        ACCOUNT_LOCKED
    }

    public Stop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        fingerprints = Map.copyOf(fingerprints);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
    }

    /** The fields whose values it stops; none for a locked account, which stops them all. */
    public Set<CredentialField> fields() {
        return fingerprints.keySet();
    }
}
