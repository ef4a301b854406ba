package dev.tokentray.platform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings file ({@code settings.json} in the config folder): one JSON object with a section
 * per part of the app, each read and written by its own part. It never holds a secret.
 */
public final class SettingsFile {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsFile.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public static SettingsFile in(AppDirs dirs) {
        return new SettingsFile(dirs.config().resolve("settings.json"));
    }

    /** A section, empty when the file or the section is missing or unreadable (the defaults then hold). */
    public synchronized JsonNode section(String name) {
        return read().path(name);
    }

    /** Replaces a section, keeping the others; the file is replaced as a whole, owner-only. */
    public synchronized void write(String name, JsonNode section) throws IOException {
        ObjectNode all = read();
        all.set(name, section);
        OwnerOnly.write(file, JSON.writeValueAsBytes(all));
    }

    private ObjectNode read() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        } catch (JacksonException e) {
            LOG.warn("{} is not valid JSON; the defaults hold until the settings are saved again", file);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}; the defaults hold", file, e.getMessage());
        }
        return JSON.createObjectNode();
    }

    public static ObjectNode newSection() {
        return JSON.createObjectNode();
    }
}
