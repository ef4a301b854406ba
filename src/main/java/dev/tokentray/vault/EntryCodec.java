package dev.tokentray.vault;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The keychain entries as compact JSON. Each stays well under 1 KB: Windows Credential Manager
 * refuses secrets over 2,560 bytes, and an entry that grows past the limit is a bug to catch here.
 */
final class EntryCodec {
    static final int MAX_ENTRY_BYTES = 1024;
    /** Bumped when an entry's shape changes, so that an older app can say it cannot read a newer entry. */
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EntryCodec() {}

    static String encode(StoredCredentials stored) {
        UpstoxCredentials credentials = stored.credentials();
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("revision", stored.revision())
                .put("mobile", credentials.mobileNumber())
                .put("pin", credentials.pin().reveal())
                .put("totpSecret", credentials.totpSecret().reveal())
                .put("clientId", credentials.clientId())
                .put("clientSecret", credentials.clientSecret().reveal())
                .put("redirectUri", credentials.redirectUri());
        return checkedSize(node);
    }

    static String encode(AccessToken token) {
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("accessToken", token.value().reveal())
                .put("issuedAt", token.issuedAt().getEpochSecond())
                .put("expiresAt", token.expiresAt().getEpochSecond())
                .put("userId", token.userId())
                .put("userName", token.userName());
        // With the token, not in a file of its own: every process reads the two together, so
        // `status` and `token` agree, and the next token, written whole, clears the mark.
        token.revokedAt().ifPresent(at -> node.put("revokedAt", at.getEpochSecond()));
        return checkedSize(node);
    }

    /** Empty when the entry is not one this version of the app wrote. */
    static Optional<StoredCredentials> credentials(String entry) {
        return read(entry).map(node -> new StoredCredentials(
                new UpstoxCredentials(
                        node.path("mobile").asText(),
                        Secret.of(node.path("pin").asText()),
                        Secret.of(node.path("totpSecret").asText()),
                        node.path("clientId").asText(),
                        Secret.of(node.path("clientSecret").asText()),
                        node.path("redirectUri").asText()),
                node.path("revision").asText()));
    }

    /** Empty when the entry is not one this version of the app wrote. */
    static Optional<AccessToken> token(String entry) {
        return read(entry).map(node -> new AccessToken(
                Secret.of(node.path("accessToken").asText()),
                Instant.ofEpochSecond(node.path("issuedAt").asLong()),
                Instant.ofEpochSecond(node.path("expiresAt").asLong()),
                node.path("userId").asText(),
                node.path("userName").asText(),
                node.hasNonNull("revokedAt")
                        ? Optional.of(Instant.ofEpochSecond(node.path("revokedAt").asLong()))
                        : Optional.empty()));
    }

    private static Optional<JsonNode> read(String entry) {
        try {
            JsonNode node = JSON.readTree(entry);
            return node != null && node.path("format").asInt() == FORMAT ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty(); // never quote the entry: it holds secrets
        }
    }

    private static String checkedSize(ObjectNode node) {
        String entry = node.toString();
        int bytes = entry.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException(
                    "A keychain entry of " + bytes + " bytes is over the limit of " + MAX_ENTRY_BYTES + " bytes");
        }
        return entry;
    }
}
