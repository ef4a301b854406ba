package dev.tokentray.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outputs of each account, in the settings file's {@value #SECTION} section: per profile, a
 * list of entries. An entry this version cannot read is kept as it is (and not used), so that
 * adding or removing another never loses it.
 */
public final class OutputSettings {
    public static final String SECTION = "outputs";

    private final SettingsFile file;

    public OutputSettings(SettingsFile file) {
        this.file = file;
    }

    /** The profile's outputs, in the order they were added. */
    public List<OutputConfig> of(Profile profile) {
        List<OutputConfig> outputs = new ArrayList<>();
        file.section(SECTION).path(profile.name()).forEach(entry -> OutputConfig.fromJson(entry).ifPresent(outputs::add));
        return outputs;
    }

    /** Every profile's outputs. */
    public List<OutputConfig> all() {
        List<OutputConfig> outputs = new ArrayList<>();
        file.section(SECTION).forEach(profile -> profile.forEach(entry -> OutputConfig.fromJson(entry).ifPresent(outputs::add)));
        return outputs;
    }

    /**
     * Adds {@code draft} with a new id ("file-2": the type and the lowest number free). The same
     * output added again is not doubled: the one there is returned.
     */
    public synchronized OutputConfig add(Profile profile, OutputConfig draft) throws IOException {
        for (OutputConfig config : of(profile)) {
            if (config.withId("").equals(draft.withId(""))) {
                return config;
            }
        }
        ObjectNode section = section();
        ArrayNode entries = section.withArrayProperty(profile.name());
        Set<String> taken = new HashSet<>();
        entries.forEach(entry -> taken.add(entry.path("id").asText()));
        int number = 1;
        while (taken.contains(draft.type() + "-" + number)) {
            number++;
        }
        OutputConfig added = draft.withId(draft.type() + "-" + number);
        entries.add(added.toJson(entries.objectNode()));
        file.write(SECTION, section);
        return added;
    }

    /** Removes the output with this id; empty when the profile has none. */
    public synchronized Optional<OutputConfig> remove(Profile profile, String id) throws IOException {
        Optional<OutputConfig> removed = of(profile).stream().filter(config -> config.id().equals(id)).findFirst();
        if (removed.isPresent()) {
            ObjectNode section = section();
            ArrayNode kept = section.arrayNode();
            section.path(profile.name()).forEach(entry -> {
                if (!entry.path("id").asText().equals(id)) {
                    kept.add(entry);
                }
            });
            section.set(profile.name(), kept);
            file.write(SECTION, section);
        }
        return removed;
    }

    private ObjectNode section() {
        JsonNode section = file.section(SECTION);
        return section instanceof ObjectNode object ? object.deepCopy() : SettingsFile.newSection();
    }
}
