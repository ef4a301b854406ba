package dev.tokentray.ui.settings;

import dev.tokentray.accounts.Account;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings window without its window: the values as edited, their problems, and saving them
 * to the settings file, and start at login. The desktop's settings hold for every account; the
 * renewal's (automatic, login window, ready by) are each account's own: the one chosen in
 * {@link #accountProperty()} shows, and the edits of each are kept until Save writes them all.
 * Plain JavaFX properties, so tests drive it without a display. Its methods run on the FX thread.
 */
public final class SettingsModel {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsModel.class);
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    /** One account's renewal settings as typed. */
    private record Edit(boolean automatic, String loginWindow, String readyBy, LoginMethod loginMethod) {
        static Edit of(RenewalSettings settings) {
            return new Edit(settings.automatic(), settings.loginWindow().toString(), settings.readyBy().toString(),
                    settings.loginMethod());
        }
    }

    private final SettingsFile file;
    private final StartAtLoginSwitch startAtLogin;
    private final Consumer<AppSettings> changed;
    private final Optional<Profile> firstChosen;

    private final BooleanProperty automatic = new SimpleBooleanProperty(this, "automatic");
    private final StringProperty loginWindowText = new SimpleStringProperty(this, "loginWindowText", "");
    private final ReadOnlyStringWrapper loginWindowProblem = new ReadOnlyStringWrapper(this, "loginWindowProblem", "");
    private final StringProperty readyByText = new SimpleStringProperty(this, "readyByText", "");
    private final ReadOnlyStringWrapper readyByProblem = new ReadOnlyStringWrapper(this, "readyByProblem", "");
    private final ObjectProperty<LoginMethod> loginMethod = new SimpleObjectProperty<>(this, "loginMethod");
    private final ObjectProperty<ClipboardClearing> clipboardClearing = new SimpleObjectProperty<>(this, "clipboardClearing");
    private final Map<NotificationKind, BooleanProperty> notifications = new EnumMap<>(NotificationKind.class);
    private final BooleanProperty startAtLoginOn = new SimpleBooleanProperty(this, "startAtLogin");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice", Notice.NONE);
    private final ObjectProperty<Profile> account = new SimpleObjectProperty<>(this, "account");
    private final Map<Profile, Edit> edits = new LinkedHashMap<>();

    private List<ClipboardClearing> clipboardChoices = ClipboardClearing.STANDARD;
    private AppSettings saved;
    private boolean loginWindowChecked;
    private boolean reloading;
    private boolean readyByChecked;

    /**
     * @param chosen  the account whose renewal settings show first (the one selected in the window);
     *                empty for the first account
     * @param changed hears the new settings after each save that worked (FX thread)
     */
    public SettingsModel(SettingsFile file, Optional<Profile> chosen, StartAtLoginSwitch startAtLogin,
            Consumer<AppSettings> changed) {
        this.file = Objects.requireNonNull(file, "file");
        this.firstChosen = Objects.requireNonNull(chosen, "chosen");
        this.startAtLogin = Objects.requireNonNull(startAtLogin, "startAtLogin");
        this.changed = Objects.requireNonNull(changed, "changed");
        for (NotificationKind kind : NotificationKind.values()) {
            notifications.put(kind, new SimpleBooleanProperty(this, "notify" + kind.name()));
        }
        loginWindowText.addListener((o, old, now) -> updateProblems());
        readyByText.addListener((o, old, now) -> updateProblems());
        account.addListener((o, old, now) -> {
            if (old != null && !reloading) {
                edits.put(old, edit());
            }
            showRenewalOf(now);
        });
        reload();
    }

    /** Reads the file again and shows what it holds, dropping unsaved edits. */
    public void reload() {
        saved = AppSettings.read(file);
        edits.clear();
        List<Profile> profiles = saved.accounts().stream().map(Account::profile).toList();
        Profile chosen = account.get() != null && profiles.contains(account.get()) ? account.get()
                : firstChosen.filter(profiles::contains).orElse(profiles.isEmpty() ? null : profiles.getFirst());
        reloading = true;
        try {
            if (Objects.equals(chosen, account.get())) {
                showRenewalOf(chosen);
            } else {
                account.set(chosen); // shows it
            }
        } finally {
            reloading = false;
        }
        UiSettings ui = saved.ui();
        clipboardChoices = ClipboardClearing.choices(ui.clipboardClear());
        clipboardClearing.set(new ClipboardClearing(ui.clipboardClear()));
        notifications.forEach((kind, on) -> on.set(ui.notifications().contains(kind)));
        startAtLoginOn.set(startAtLogin.supported() && startAtLogin.enabled());
        theme.set(ui.theme());
        notice.set(Notice.NONE);
    }

    /** Shows the account's renewal settings: as edited, else as saved. */
    private void showRenewalOf(Profile profile) {
        Edit edit = profile == null ? Edit.of(RenewalSettings.DEFAULT) : edits.computeIfAbsent(profile,
                p -> saved.accounts().stream().filter(a -> a.profile().equals(p)).findFirst()
                        .map(a -> Edit.of(a.renewal())).orElse(Edit.of(RenewalSettings.DEFAULT)));
        loginWindowChecked = false;
        readyByChecked = false;
        automatic.set(edit.automatic());
        loginWindowText.set(edit.loginWindow());
        readyByText.set(edit.readyBy());
        loginMethod.set(edit.loginMethod());
        updateProblems();
    }

    private Edit edit() {
        return new Edit(automatic.get(), loginWindowText.get(), readyByText.get(), loginMethod.get());
    }

    /** The accounts, whose renewal settings can be chosen in {@link #accountProperty()}. */
    public List<Account> accounts() {
        return saved.accounts();
    }

    /** The account whose renewal settings show (null without an account). */
    public ObjectProperty<Profile> accountProperty() {
        return account;
    }

    /** The settings as the file holds them now (the last save that worked, or what was read). */
    public AppSettings saved() {
        return saved;
    }

    // ---- checks ----

    /** What is wrong with a login window as typed; empty when it is fine. */
    public static Optional<String> loginWindowProblem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Enter the hours for automatic logins, like 05:30-24:00, or 'always'.");
        }
        try {
            LoginHours.parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            return Optional.of(message.endsWith(".") ? message : message + ".");
        }
    }

    /** A time of day as typed, "8:45" or "08:45". */
    public static Optional<LocalTime> parseTime(String text) {
        Matcher matcher = TIME.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(matcher.group(1));
        int minutes = Integer.parseInt(matcher.group(2));
        return hours < 24 && minutes < 60 ? Optional.of(LocalTime.of(hours, minutes)) : Optional.empty();
    }

    public static Optional<String> readyByProblem(String text) {
        return parseTime(text).isPresent()
                ? Optional.empty()
                : Optional.of("Enter a time of day like 08:45 (IST, 24-hour clock).");
    }

    /** The trader moved on from the login window field: its problem shows from now on. */
    public void leftLoginWindow() {
        loginWindowChecked = true;
        updateProblems();
    }

    public void leftReadyBy() {
        readyByChecked = true;
        updateProblems();
    }

    private void updateProblems() {
        loginWindowProblem.set(loginWindowChecked ? loginWindowProblem(loginWindowText.get()).orElse("") : "");
        readyByProblem.set(readyByChecked ? readyByProblem(readyByText.get()).orElse("") : "");
    }

    // ---- saving ----

    /**
     * Saves the desktop's settings, every account's edited renewal settings and start at login,
     * then tells {@code changed}. With a wrong value nothing is saved, the account with it shows
     * and the field says why; when the file cannot be written the old settings hold.
     *
     * @return true when the settings were saved
     */
    public boolean save() {
        if (account.get() != null) {
            edits.put(account.get(), edit());
        }
        Optional<Profile> wrong = edits.entrySet().stream().filter(e -> loginWindowProblem(e.getValue().loginWindow())
                .or(() -> readyByProblem(e.getValue().readyBy())).isPresent()).map(Map.Entry::getKey).findFirst();
        if (wrong.isPresent()) {
            account.set(wrong.get());
            loginWindowChecked = true;
            readyByChecked = true;
            updateProblems();
            notice.set(Notice.error("Correct the marked fields; nothing was saved yet."));
            return false;
        }
        AppSettings next = edited();
        try {
            next.write(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the settings: {}", e.toString());
            notice.set(Notice.error("The settings could not be saved (" + e.getMessage()
                    + "). The old settings still hold."));
            return false;
        }
        saved = next;
        Notice outcome = Notice.success("Settings saved.");
        if (startAtLogin.supported() && startAtLoginOn.get() != startAtLogin.enabled()) {
            try {
                startAtLogin.set(startAtLoginOn.get());
            } catch (Exception e) {
                LOG.warn("Cannot change start at login: {}", e.toString());
                outcome = Notice.error("Settings saved, but start at login could not be "
                        + (startAtLoginOn.get() ? "switched on" : "switched off") + ": " + e.getMessage());
                startAtLoginOn.set(startAtLogin.enabled());
            }
        }
        notice.set(outcome);
        changed.accept(next);
        return outcome.tone() == Notice.Tone.SUCCESS;
    }

    /** The settings as edited; call only when there is no problem. */
    AppSettings edited() {
        // What the window does not show (the token checks) stays as saved.
        List<Account> accounts = saved.accounts().stream().map(a -> Optional.ofNullable(edits.get(a.profile()))
                .map(edit -> a.withRenewal(a.renewal().withAutomatic(edit.automatic())
                        .withLoginWindow(LoginHours.parse(edit.loginWindow()))
                        .withReadyBy(parseTime(edit.readyBy()).orElseThrow())
                        .withLoginMethod(Objects.requireNonNullElse(edit.loginMethod(), a.renewal().loginMethod()))))
                .orElse(a)).toList();
        Set<NotificationKind> on = EnumSet.noneOf(NotificationKind.class);
        notifications.forEach((kind, property) -> {
            if (property.get()) {
                on.add(kind);
            }
        });
        ClipboardClearing clearing = Objects.requireNonNullElse(clipboardClearing.get(),
                new ClipboardClearing(saved.ui().clipboardClear()));
        return new AppSettings(new UiSettings(clearing.after(), on, Objects.requireNonNullElse(theme.get(), Theme.SYSTEM)),
                accounts);
    }

    // ---- properties ----

    public BooleanProperty automaticProperty() {
        return automatic;
    }

    /** "05:30-24:00" or "always" (IST). */
    public StringProperty loginWindowTextProperty() {
        return loginWindowText;
    }

    public ReadOnlyStringProperty loginWindowProblemProperty() {
        return loginWindowProblem.getReadOnlyProperty();
    }

    /** "08:45" (IST). */
    public StringProperty readyByTextProperty() {
        return readyByText;
    }

    /** How the chosen account logs in when it is time. */
    public ObjectProperty<LoginMethod> loginMethodProperty() {
        return loginMethod;
    }

    public ReadOnlyStringProperty readyByProblemProperty() {
        return readyByProblem.getReadOnlyProperty();
    }

    public ObjectProperty<ClipboardClearing> clipboardClearingProperty() {
        return clipboardClearing;
    }

    /** The choices for clipboard clearing, with the saved one among them. */
    public List<ClipboardClearing> clipboardChoices() {
        return clipboardChoices;
    }

    public BooleanProperty notificationProperty(NotificationKind kind) {
        return notifications.get(kind);
    }

    public Map<NotificationKind, BooleanProperty> notifications() {
        return Collections.unmodifiableMap(notifications);
    }

    public boolean startAtLoginSupported() {
        return startAtLogin.supported();
    }

    public BooleanProperty startAtLoginProperty() {
        return startAtLoginOn;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** What the last save did, or why it did not. */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
