package dev.tokentray.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiles that follow a token in Redis instead of holding credentials, in the settings file's
 * section {@code "followed": {"PROFILE": {"url": ..., "prefix": ..., "user_id": ...}}}. Never a
 * secret: the Redis password is in the keychain.
 */
public final class FollowedProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedProfiles.class);
    public static final String SECTION = "followed";

    private final SettingsFile file;

    public FollowedProfiles(SettingsFile file) {
        this.file = file;
    }

    /** What the profile follows; empty for a profile that renews its own token. */
    public synchronized Optional<RedisFollow> of(Profile profile) {
        return Optional.ofNullable(all().get(profile));
    }

    /** Every followed profile; an entry that cannot be read is left out (and logged). */
    public synchronized Map<Profile, RedisFollow> all() {
        Map<Profile, RedisFollow> followed = new LinkedHashMap<>();
        file.section(SECTION).properties().forEach(entry -> {
            try {
                followed.put(new Profile(entry.getKey()), RedisFollow.fromJson(entry.getValue()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Profile '{}' in the settings file's followed accounts cannot be read; it is left out: {}",
                        entry.getKey(), e.getMessage());
            }
        });
        return followed;
    }

    public synchronized void save(Profile profile, RedisFollow follow) throws IOException {
        ObjectNode section = copy();
        follow.toJson(section.putObject(profile.name()));
        file.write(SECTION, section);
    }

    public synchronized void remove(Profile profile) throws IOException {
        ObjectNode section = copy();
        if (section.remove(profile.name()) != null) {
            file.write(SECTION, section);
        }
    }

    private ObjectNode copy() {
        JsonNode section = file.section(SECTION);
        return section instanceof ObjectNode object ? object.deepCopy() : SettingsFile.newSection();
    }
}
