package dev.tokentray.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.platform.SettingsFile;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All the trader's settings: the desktop's, which hold for every account (notifications, theme,
 * clipboard), and each account's own (automatic renewal, login window, ready by), as the settings
 * file holds them.
 */
public record AppSettings(UiSettings ui, List<Account> accounts) {
    private static final Logger LOG = LoggerFactory.getLogger(AppSettings.class);

    public AppSettings {
        Objects.requireNonNull(ui, "ui");
        accounts = List.copyOf(accounts);
    }

    /** Both; the defaults hold where the file or a value is missing or unreadable. */
    public static AppSettings read(SettingsFile file) {
        return new AppSettings(UiSettings.fromJson(file.section(UiSettings.SECTION)), new AccountList(file).all());
    }

    /**
     * Writes the desktop's section, then each account's settings (its label and place stay as the
     * file has them now). When the accounts cannot be written, the desktop's section is put back as
     * it was: the file then holds the old settings, whole.
     */
    public void write(SettingsFile file) throws IOException {
        JsonNode oldUi = file.section(UiSettings.SECTION);
        JsonNode restore = oldUi.isObject() ? oldUi.deepCopy() : SettingsFile.newSection();
        file.write(UiSettings.SECTION, ui.toJson(SettingsFile.newSection()));
        try {
            AccountList list = new AccountList(file);
            List<Account> now = list.all();
            list.write(now.stream().map(account -> accounts.stream().filter(a -> a.profile().equals(account.profile()))
                    .findFirst().map(edited -> account.withRenewal(edited.renewal())).orElse(account)).toList());
        } catch (IOException e) {
            try {
                file.write(UiSettings.SECTION, restore);
            } catch (IOException again) {
                LOG.warn("Cannot put the old desktop settings back: {}", again.getMessage());
            }
            throw e;
        }
    }
}
