package dev.tokentray.upstox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.Secret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Upstox POSTs to the Notifier Webhook when the trader approved an approval request. Upstox's
 * pages say only that it delivers the {@code access_token}; the other fields are as others' code
 * reads them ({@code client_id}, {@code user_id}, {@code token_type}, {@code expires_at},
 * {@code issued_at}, {@code message_type}), so the parsing is lenient: a JSON object (or a form),
 * its fields at the top or in a {@code data} envelope, times in any of the forms of
 * {@link Timestamps}; only the token itself is required. Its {@code toString()} masks the token.
 */
public record ApprovalNotice(Optional<String> clientId, Optional<String> userId, Secret accessToken,
        Optional<String> tokenType, Optional<Instant> expiresAt, Optional<Instant> issuedAt,
        Optional<String> messageType) {
    /** The one message type known; a notice that says another is not a token. */
    public static final String ACCESS_TOKEN = "access_token";

    public ApprovalNotice {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(messageType, "messageType");
    }

    /**
     * Reads a webhook body.
     *
     * @throws IllegalArgumentException when it carries no access token (the message never quotes the body)
     */
    public static ApprovalNotice parse(String body) {
        JsonNode fields = fields(body);
        return new ApprovalNotice(
                text(fields, "client_id"),
                text(fields, "user_id"),
                text(fields, ACCESS_TOKEN).map(Secret::of).orElseThrow(() ->
                        new IllegalArgumentException("The notice carries no access_token")),
                text(fields, "token_type"),
                Timestamps.read(fields.get("expires_at")),
                Timestamps.read(fields.get("issued_at")),
                text(fields, "message_type"));
    }

    /** True unless it says it is some other message than a token. */
    public boolean carriesAToken() {
        return messageType.map(ACCESS_TOKEN::equalsIgnoreCase).orElse(true);
    }

    private static JsonNode fields(String body) {
        JsonNode json = null;
        try {
            json = Answer.JSON.readTree(body);
        } catch (JacksonException notJson) {
            // read as a form below
        }
        if (json == null || !json.isObject()) {
            ObjectNode form = Answer.JSON.createObjectNode();
            QueryStrings.parameters(body.strip()).forEach(form::put);
            return form;
        }
        JsonNode data = json.path("data");
        return data.isObject() && !json.has(ACCESS_TOKEN) ? data : json;
    }

    private static Optional<String> text(JsonNode fields, String name) {
        JsonNode node = fields.get(name);
        return node == null || node.isNull() || node.isContainerNode() || node.asText().isBlank()
                ? Optional.empty()
                : Optional.of(node.asText().strip());
    }
}
