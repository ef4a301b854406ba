package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One output as the settings file keeps it (no secret: a Redis or PostgreSQL password stays in the keychain).
 * The id ("file-1", "redis-1") names it for {@code outputs remove}.
 */
public sealed interface OutputConfig permits FileOutputConfig, HookOutputConfig, PostgresOutputConfig,
        RedisOutputConfig {

    /** "file", "hook", "redis" or "postgres": the first part of its id, and its {@code type} in the file. */
    String type();

    /** Empty until {@link OutputSettings#add} gives it one. */
    String id();

    OutputConfig withId(String id);

    /** One line for {@code outputs list} and the settings window, without the id. */
    String summary();

    ObjectNode toJson(ObjectNode node);

    /** The config an entry of the settings file holds; empty for one this version cannot read. */
    static Optional<OutputConfig> fromJson(JsonNode node) {
        try {
            return Optional.of(switch (node.path("type").asText()) {
                case FileOutputConfig.TYPE -> FileOutputConfig.fromJson(node);
                case HookOutputConfig.TYPE -> HookOutputConfig.fromJson(node);
                case RedisOutputConfig.TYPE -> RedisOutputConfig.fromJson(node);
                case PostgresOutputConfig.TYPE -> PostgresOutputConfig.fromJson(node);
                default -> throw new IllegalArgumentException("unknown type");
            });
        } catch (RuntimeException e) {
            return Optional.empty(); // hand-edited, or of a newer version: kept as it is, not used
        }
    }
}
