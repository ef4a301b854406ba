package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A hook: a command run after each new token, with the token in its environment, bounded by {@code timeout}. */
public record HookOutputConfig(String id, List<String> command, Duration timeout) implements OutputConfig {
    static final String TYPE = "hook";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public HookOutputConfig {
        Objects.requireNonNull(id, "id");
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("A hook needs a command to run.");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A hook's timeout must be more than zero.");
        }
    }

    /** A new one, without an id yet. */
    public static HookOutputConfig of(List<String> command, Duration timeout) {
        return new HookOutputConfig("", command, timeout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HookOutputConfig withId(String id) {
        return new HookOutputConfig(id, command, timeout);
    }

    @Override
    public String summary() {
        return "hook, at most " + timeout.toSeconds() + " s: " + String.join(" ", command);
    }

    @Override
    public ObjectNode toJson(ObjectNode node) {
        node.put("id", id).put("type", TYPE).put("timeoutSeconds", timeout.toSeconds());
        ArrayNode words = node.putArray("command");
        command.forEach(words::add);
        return node;
    }

    static HookOutputConfig fromJson(JsonNode node) {
        List<String> command = new ArrayList<>();
        node.path("command").forEach(word -> command.add(word.asText()));
        return new HookOutputConfig(node.path("id").asText(), command,
                Duration.ofSeconds(node.path("timeoutSeconds").asLong(DEFAULT_TIMEOUT.toSeconds())));
    }
}
