package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;

/** A token file: an absolute path and a format. */
public record FileOutputConfig(String id, FileFormat format, Path path) implements OutputConfig {
    static final String TYPE = "file";

    public FileOutputConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("A token file's path must be absolute, not " + path);
        }
        path = path.normalize();
    }

    /** A new one, without an id yet. */
    public static FileOutputConfig of(FileFormat format, Path path) {
        return new FileOutputConfig("", format, path);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public FileOutputConfig withId(String id) {
        return new FileOutputConfig(id, format, path);
    }

    @Override
    public String summary() {
        return "file, " + format.id() + ": " + path;
    }

    @Override
    public ObjectNode toJson(ObjectNode node) {
        return node.put("id", id).put("type", TYPE).put("format", format.id()).put("path", path.toString());
    }

    static FileOutputConfig fromJson(JsonNode node) {
        return new FileOutputConfig(node.path("id").asText(), FileFormat.of(node.path("format").asText()),
                Path.of(node.path("path").asText()));
    }
}
