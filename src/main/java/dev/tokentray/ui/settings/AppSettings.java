package dev.tokentray.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.RenewalSettings;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All the trader's settings: the renewal's section and the desktop's, as the settings file holds them. */
public record AppSettings(RenewalSettings renewal, UiSettings ui) {
    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

    public static final AppSettings DEFAULT = new AppSettings(RenewalSettings.DEFAULT, UiSettings.DEFAULT);

    public AppSettings {
        Objects.requireNonNull(renewal, "renewal");
        Objects.requireNonNull(ui, "ui");
    }

    /** Both sections; the defaults hold where the file or a value is missing or unreadable. */
    public static AppSettings read(SettingsFile file) {
        return new AppSettings(
                RenewalSettings.fromJson(file.section(RenewalSettings.SECTION)),
                UiSettings.fromJson(file.section(UiSettings.SECTION)));
    }

    /**
     * Writes both sections. The file is written per section, so when the second write fails the
     * first section is put back as it was: the file then holds the old settings, whole.
     */
    public void write(SettingsFile file) throws IOException {
        JsonNode oldRenewal = file.section(RenewalSettings.SECTION);
        JsonNode restore = oldRenewal.isObject() ? oldRenewal.deepCopy() : SettingsFile.newSection();
        file.write(RenewalSettings.SECTION, renewal.toJson(SettingsFile.newSection()));
        try {
            file.write(UiSettings.SECTION, ui.toJson(SettingsFile.newSection()));
        } catch (IOException e) {
            try {
                file.write(RenewalSettings.SECTION, restore);
            } catch (IOException again) {
                LOG.warn("Cannot put the old renewal settings back: {}", again.getMessage());
            }
            throw e;
        }
    }
}
