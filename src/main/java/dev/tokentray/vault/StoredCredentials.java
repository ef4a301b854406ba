package dev.tokentray.vault;

import dev.tokentray.upstox.UpstoxCredentials;
import java.util.Objects;

/**
 * Credentials as the keychain holds them, with the revision of this save: a random id, new at
 * every save, so that "the credentials Upstox rejected" can be recognised later without keeping
 * anything derived from a secret (a hash of a 6-digit PIN would give the PIN away).
 */
public record StoredCredentials(UpstoxCredentials credentials, String revision) {
    public StoredCredentials {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(revision, "revision");
    }
}
