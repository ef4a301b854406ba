package dev.tokentray.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings window's model, without a display: load, check, save (the desktop's settings and
 * each account's renewal), start at login.
 */
class SettingsModelTest {
    @TempDir
    Path folder;

    final List<AppSettings> changes = new ArrayList<>();
    final FakeStartAtLogin startAtLogin = new FakeStartAtLogin();

    SettingsFile file() {
        return new SettingsFile(folder.resolve("settings.json"));
    }

    SettingsModel model(SettingsFile file) {
        return new SettingsModel(file, Optional.empty(), startAtLogin, changes::add);
    }

    /** The settings as they are before anything was saved: the default account, with the defaults. */
    static AppSettings defaults() {
        return new AppSettings(UiSettings.DEFAULT, List.of(new Account(Profile.DEFAULT, "", RenewalSettings.DEFAULT)));
    }

    @Test
    void withoutAFileTheDefaultsShow() {
        SettingsModel model = model(file());

        assertThat(model.saved()).isEqualTo(defaults());
        assertThat(model.automaticProperty().get()).isTrue();
        assertThat(model.loginWindowTextProperty().get()).isEqualTo("05:30-24:00");
        assertThat(model.readyByTextProperty().get()).isEqualTo("08:45");
        assertThat(model.clipboardClearingProperty().get()).isEqualTo(ClipboardClearing.after(Duration.ofSeconds(60)));
        assertThat(model.notifications().values()).allMatch(property -> property.get());
        assertThat(model.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(model.loginWindowProblemProperty().get()).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.NONE);
    }

    @Test
    void saveWritesTheDesktopsSettingsAndTheAccountsAndTellsTheApp() {
        SettingsFile file = file();
        SettingsModel model = model(file);
        model.automaticProperty().set(false);
        model.loginWindowTextProperty().set("always");
        model.readyByTextProperty().set("9:05");
        model.clipboardClearingProperty().set(ClipboardClearing.after(Duration.ofMinutes(2)));
        model.notificationProperty(NotificationKind.RENEWED).set(false);
        model.themeProperty().set(Theme.DARK);
        model.loginMethodProperty().set(LoginMethod.APPROVAL);

        assertThat(model.save()).isTrue();

        AppSettings expected = new AppSettings(new UiSettings(Optional.of(Duration.ofMinutes(2)),
                EnumSet.complementOf(EnumSet.of(NotificationKind.RENEWED)), Theme.DARK),
                List.of(new Account(Profile.DEFAULT, "", RenewalSettings.DEFAULT.withAutomatic(false)
                        .withLoginWindow(LoginHours.ALWAYS).withReadyBy(LocalTime.of(9, 5))
                        .withLoginMethod(LoginMethod.APPROVAL))));
        assertThat(AppSettings.read(file)).isEqualTo(expected);
        assertThat(model.saved()).isEqualTo(expected);
        assertThat(changes).containsExactly(expected);
        assertThat(model.noticeProperty().get()).isEqualTo(Notice.success("Settings saved."));
        assertThat(file.section(AccountList.SECTION).path(0).path("renewal").path("readyBy").asText()).isEqualTo("09:05");
    }

    @Test
    void theOneRenewalSectionOfEarlierVersionsIsTheDefaultAccountsSettings() throws IOException {
        SettingsFile file = file();
        file.write(RenewalSettings.SECTION, RenewalSettings.DEFAULT.withAutomatic(false).withLoginWindow(LoginHours.ALWAYS).withReadyBy(LocalTime.of(7, 0))
                .toJson(SettingsFile.newSection()));

        SettingsModel model = model(file);

        assertThat(model.accountProperty().get()).isEqualTo(Profile.DEFAULT);
        assertThat(model.automaticProperty().get()).isFalse();
        assertThat(model.loginWindowTextProperty().get()).isEqualTo("always");
        assertThat(model.readyByTextProperty().get()).isEqualTo("07:00");
    }

    private static final Profile HUF = new Profile("priya-huf");

    /** The default account, "Me", and "Priya HUF", with the default renewal settings. */
    private SettingsFile twoAccounts() throws IOException {
        SettingsFile file = file();
        new AccountList(file).write(List.of(new Account(Profile.DEFAULT, "Me", RenewalSettings.DEFAULT),
                new Account(HUF, "Priya HUF", RenewalSettings.DEFAULT)));
        return file;
    }

    @Test
    void eachAccountHasItsOwnRenewalSettingsAndSaveWritesTheEditsOfEach() throws IOException {
        SettingsFile file = twoAccounts();
        SettingsModel model = new SettingsModel(file, Optional.of(HUF), startAtLogin, changes::add);
        assertThat(model.accountProperty().get()).as("the account selected in the window").isEqualTo(HUF);

        model.readyByTextProperty().set("09:00");
        model.accountProperty().set(Profile.DEFAULT);
        assertThat(model.readyByTextProperty().get()).isEqualTo("08:45");
        model.automaticProperty().set(false);
        model.accountProperty().set(HUF);
        assertThat(model.readyByTextProperty().get()).as("the edit is kept while another account shows").isEqualTo("09:00");
        assertThat(model.automaticProperty().get()).isTrue();

        assertThat(model.save()).isTrue();

        assertThat(new AccountList(file).all()).containsExactly(
                new Account(Profile.DEFAULT, "Me", RenewalSettings.DEFAULT.withAutomatic(false)),
                new Account(HUF, "Priya HUF", RenewalSettings.DEFAULT.withReadyBy(LocalTime.of(9, 0))));
    }

    @Test
    void aWrongValueOfAnAccountNotShownBringsThatAccountBackOnSave() throws IOException {
        SettingsFile file = twoAccounts();
        SettingsModel model = model(file);
        model.readyByTextProperty().set("8.45");
        model.accountProperty().set(HUF);

        assertThat(model.save()).isFalse();

        assertThat(model.accountProperty().get()).isEqualTo(Profile.DEFAULT);
        assertThat(model.readyByProblemProperty().get()).contains("08:45");
        assertThat(changes).isEmpty();
    }

    @Test
    void whatWasSavedShowsNextTime() {
        SettingsFile file = file();
        SettingsModel first = model(file);
        first.clipboardClearingProperty().set(new ClipboardClearing(Optional.empty()));
        first.loginWindowTextProperty().set("06:00-23:00");
        first.save();

        SettingsModel second = model(file);

        assertThat(second.clipboardClearingProperty().get().label()).isEqualTo("Never");
        assertThat(second.loginWindowTextProperty().get()).isEqualTo("06:00-23:00");
    }

    @Test
    void aWrongLoginWindowShowsByTheFieldAndNothingIsSaved() {
        SettingsFile file = file();
        SettingsModel model = model(file);

        model.loginWindowTextProperty().set("5:30-25:00");
        assertThat(model.loginWindowProblemProperty().get()).as("not while typing").isEmpty();
        model.leftLoginWindow();
        assertThat(model.loginWindowProblemProperty().get()).isEqualTo("25:00 is not a time of day.");

        assertThat(model.save()).isFalse();

        assertThat(Files.exists(folder.resolve("settings.json"))).isFalse();
        assertThat(changes).isEmpty();
        assertThat(model.noticeProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);
        model.loginWindowTextProperty().set("05:30-24:00");
        assertThat(model.loginWindowProblemProperty().get()).isEmpty();
    }

    @Test
    void aWrongReadyByTimeShowsOnSave() {
        SettingsModel model = model(file());
        model.readyByTextProperty().set("8.45");

        assertThat(model.save()).isFalse();

        assertThat(model.readyByProblemProperty().get()).contains("08:45");
        assertThat(changes).isEmpty();
    }

    @Test
    void theChecksAcceptWhatTheTraderMeans() {
        assertThat(SettingsModel.loginWindowProblem("always")).isEmpty();
        assertThat(SettingsModel.loginWindowProblem(" 22:00-02:00 ")).isEmpty();
        assertThat(SettingsModel.loginWindowProblem("")).isPresent();
        assertThat(SettingsModel.loginWindowProblem("09:00-09:00")).isPresent();
        assertThat(SettingsModel.loginWindowProblem("nine to five")).hasValueSatisfying(p -> assertThat(p).endsWith("."));
        assertThat(SettingsModel.parseTime("8:45")).contains(LocalTime.of(8, 45));
        assertThat(SettingsModel.parseTime("23:59")).contains(LocalTime.of(23, 59));
        assertThat(SettingsModel.parseTime("24:00")).isEmpty();
        assertThat(SettingsModel.parseTime("08:60")).isEmpty();
        assertThat(SettingsModel.parseTime(null)).isEmpty();
    }

    @Test
    void aFailedSaveKeepsTheOldSettingsAndSaysSo() throws IOException {
        Files.createDirectories(folder.resolve("settings.json").resolve("in-the-way"));
        SettingsModel model = model(file());
        model.automaticProperty().set(false);

        assertThat(model.save()).isFalse();

        assertThat(model.saved()).isEqualTo(defaults());
        assertThat(changes).isEmpty();
        assertThat(model.noticeProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(model.noticeProperty().get().text()).contains("could not be saved", "old settings still hold");
    }

    @Test
    void startAtLoginChangesOnSaveOnly() {
        SettingsModel model = model(file());
        assertThat(model.startAtLoginSupported()).isTrue();
        assertThat(model.startAtLoginProperty().get()).isFalse();

        model.startAtLoginProperty().set(true);
        assertThat(startAtLogin.sets).isZero();

        model.save();
        assertThat(startAtLogin.enabled()).isTrue();
        assertThat(startAtLogin.sets).isEqualTo(1);

        model.save();
        assertThat(startAtLogin.sets).as("unchanged: not written again").isEqualTo(1);
    }

    @Test
    void aStartAtLoginFailureIsReportedAndTheBoxShowsTheTruth() {
        startAtLogin.failWith = new IOException("~/.config/autostart is read-only");
        SettingsModel model = model(file());
        model.startAtLoginProperty().set(true);

        assertThat(model.save()).isFalse();

        assertThat(model.noticeProperty().get().text())
                .isEqualTo("Settings saved, but start at login could not be switched on: ~/.config/autostart is read-only");
        assertThat(model.startAtLoginProperty().get()).isFalse();
        assertThat(changes).as("the file's settings were saved all the same").hasSize(1);
    }

    @Test
    void anUnsupportedStartAtLoginIsNeverTouched() {
        SettingsModel model = new SettingsModel(file(), Optional.empty(), StartAtLoginSwitch.UNSUPPORTED, changes::add);
        model.startAtLoginProperty().set(true);

        assertThat(model.startAtLoginSupported()).isFalse();
        assertThat(model.save()).isTrue();
    }

    @Test
    void reloadDropsUnsavedEdits() {
        SettingsModel model = model(file());
        model.readyByTextProperty().set("07:00");
        model.leftReadyBy();

        model.reload();

        assertThat(model.readyByTextProperty().get()).isEqualTo("08:45");
    }

    static final class FakeStartAtLogin implements StartAtLoginSwitch {
        boolean on;
        int sets;
        Exception failWith;

        @Override
        public boolean supported() {
            return true;
        }

        @Override
        public boolean enabled() {
            return on;
        }

        @Override
        public void set(boolean enabled) throws Exception {
            if (failWith != null) {
                throw failWith;
            }
            sets++;
            on = enabled;
        }
    }
}
