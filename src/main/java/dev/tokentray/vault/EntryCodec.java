package dev.tokentray.vault;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keychain entries as compact JSON. Each stays well under 1 KB: Windows Credential Manager
 * refuses secrets over 2,560 bytes, and an entry that grows past the limit is a bug to catch here.
 */
final class EntryCodec {
    static final int MAX_ENTRY_BYTES = 1024;
    /** Enough for what Upstox said and what to do; several stops then share one entry. */
    static final int MAX_STOP_MESSAGE = 240;
    /** Bumped when an entry's shape changes, so that an older app can say it cannot read a newer entry. */
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EntryCodec() {}

    static String encode(UpstoxCredentials credentials) {
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
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

    /** Empty when the entry is not one this version of the app wrote (an older one's "revision" is ignored). */
    static Optional<UpstoxCredentials> credentials(String entry) {
        return read(entry).map(node -> new UpstoxCredentials(
                node.path("mobile").asText(),
                Secret.of(node.path("pin").asText()),
                Secret.of(node.path("totpSecret").asText()),
                node.path("clientId").asText(),
                Secret.of(node.path("clientSecret").asText()),
                node.path("redirectUri").asText()));
    }

    /**
     * The stops, newest first, as many as fit under the limit: the oldest go first. Each message
     * is cut to {@link #MAX_STOP_MESSAGE} characters.
     */
    static String encode(List<Stop> stops) {
        for (int kept = stops.size(); ; kept--) {
            ObjectNode node = JSON.createObjectNode().put("format", FORMAT);
            ArrayNode list = node.putArray("stops");
            stops.subList(0, kept).forEach(stop -> list.add(stop(stop)));
            if (kept == 1 || node.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_ENTRY_BYTES) {
                return checkedSize(node);
            }
        }
    }

    /** Empty when the entry is not one this version of the app wrote. */
    static Optional<List<Stop>> stops(String entry) {
        try {
            return read(entry).map(node -> {
                List<Stop> stops = new ArrayList<>();
                node.path("stops").forEach(stop -> {
                    Map<CredentialField, String> fingerprints = new EnumMap<>(CredentialField.class);
                    stop.path("fingerprints").properties().forEach(
                            field -> fingerprints.put(CredentialField.valueOf(field.getKey()), field.getValue().asText()));
                    stops.add(new Stop(stop.path("id").asText(), Stop.Reason.valueOf(stop.path("reason").asText()),
                            fingerprints, Instant.ofEpochSecond(stop.path("time").asLong()),
                            LoginStep.valueOf(stop.path("step").asText()), stop.path("message").asText()));
                });
                return stops;
            });
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a field, reason or step this version does not know
        }
    }

    private static ObjectNode stop(Stop stop) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", stop.id())
                .put("reason", stop.reason().name());
        ObjectNode fingerprints = node.putObject("fingerprints");
        stop.fingerprints().forEach((field, fingerprint) -> fingerprints.put(field.name(), fingerprint));
        String message = stop.message();
        return node.put("time", stop.time().getEpochSecond())
                .put("step", stop.step().name())
                .put("message", message.length() <= MAX_STOP_MESSAGE ? message : message.substring(0, MAX_STOP_MESSAGE - 1) + "…");
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
