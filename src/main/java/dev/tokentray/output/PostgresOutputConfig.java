package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.postgres.PostgresAddress;
import java.util.Objects;

/**
 * The audit trail in PostgreSQL: where, and whether the tokens' rows hold the token itself. Its
 * password is in the keychain, not here.
 */
public record PostgresOutputConfig(String id, PostgresAddress address, boolean storeToken) implements OutputConfig {
    static final String TYPE = "postgres";

    public PostgresOutputConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }

    /** A new one, without an id yet. */
    public static PostgresOutputConfig of(PostgresAddress address, boolean storeToken) {
        return new PostgresOutputConfig("", address, storeToken);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public PostgresOutputConfig withId(String id) {
        return new PostgresOutputConfig(id, address, storeToken);
    }

    @Override
    public String summary() {
        return "postgres, login attempts and " + (storeToken ? "tokens" : "tokens' metadata (not the token)") + ": "
                + address;
    }

    @Override
    public ObjectNode toJson(ObjectNode node) {
        return node.put("id", id).put("type", TYPE).put("url", address.toString()).put("store_token", storeToken);
    }

    static PostgresOutputConfig fromJson(JsonNode node) {
        return new PostgresOutputConfig(node.path("id").asText(), PostgresAddress.parse(node.path("url").asText()),
                node.path("store_token").asBoolean(false));
    }
}
