package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.redis.RedisAddress;
import java.util.Objects;

/** Redis: where, and the prefix of the keys and the channel. Its password is in the keychain, not here. */
public record RedisOutputConfig(String id, RedisAddress address, String prefix) implements OutputConfig {
    static final String TYPE = "redis";
    public static final String DEFAULT_PREFIX = "upstox";

    public RedisOutputConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        checkPrefix(prefix);
    }

    /** A prefix of the keys and channels, which an account followed from Redis shares with the output. */
    public static void checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_.:{}-]{1,64}")) {
            throw new IllegalArgumentException("A Redis key prefix has 1 to 64 letters, digits and _ . : { } -, not '"
                    + prefix + "'.");
        }
    }

    /** A new one, without an id yet. */
    public static RedisOutputConfig of(RedisAddress address, String prefix) {
        return new RedisOutputConfig("", address, prefix);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public RedisOutputConfig withId(String id) {
        return new RedisOutputConfig(id, address, prefix);
    }

    @Override
    public String summary() {
        return "redis, keys " + prefix + ":USER_ID:…: " + address;
    }

    @Override
    public ObjectNode toJson(ObjectNode node) {
        return node.put("id", id).put("type", TYPE).put("url", address.toString()).put("prefix", prefix);
    }

    static RedisOutputConfig fromJson(JsonNode node) {
        return new RedisOutputConfig(node.path("id").asText(), RedisAddress.parse(node.path("url").asText()),
                node.path("prefix").asText(DEFAULT_PREFIX));
    }
}
