package dev.tokentray.ui.settings;

import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginMethod;
import dev.tokentray.renew.LoginWindow;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.ui.notify.NotificationKind;
import java.io.IOException;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * The settings window without its window: the values as edited, their problems, saving both
 * sections of the settings file, start at login, and forgetting the credentials. Plain JavaFX
 * properties, so tests drive it without a display. Its methods run on the FX thread; forgetting
 * runs on {@code background} and reports through {@code fx}.
 */
public final class SettingsModel {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsModel.class);
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private final SettingsFile file;
    private final StartAtLoginSwitch startAtLogin;
    private final Consumer<AppSettings> changed;
    private final ForgetCredentials forget;
    private final Executor background;
    private final Executor fx;

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
    private final ReadOnlyObjectWrapper<Notice> forgetNotice = new ReadOnlyObjectWrapper<>(this, "forgetNotice", Notice.NONE);
    private final ReadOnlyBooleanWrapper forgetting = new ReadOnlyBooleanWrapper(this, "forgetting");

    private List<ClipboardClearing> clipboardChoices = ClipboardClearing.STANDARD;
    private AppSettings saved;
    private boolean loginWindowChecked;
    private boolean readyByChecked;

    /**
     * @param changed    hears the new settings after each save that worked (FX thread)
     * @param forget     {@code vault::forget}; runs on {@code background}
     * @param background where forgetting runs (never the FX thread)
     * @param fx         the FX thread ({@code Platform::runLater})
     */
    public SettingsModel(SettingsFile file, StartAtLoginSwitch startAtLogin, Consumer<AppSettings> changed,
            ForgetCredentials forget, Executor background, Executor fx) {
        this.file = Objects.requireNonNull(file, "file");
        this.startAtLogin = Objects.requireNonNull(startAtLogin, "startAtLogin");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.forget = Objects.requireNonNull(forget, "forget");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        for (NotificationKind kind : NotificationKind.values()) {
            notifications.put(kind, new SimpleBooleanProperty(this, "notify" + kind.name()));
        }
        loginWindowText.addListener((o, old, now) -> updateProblems());
        readyByText.addListener((o, old, now) -> updateProblems());
        reload();
    }

    /** Reads the file again and shows what it holds, dropping unsaved edits. */
    public void reload() {
        saved = AppSettings.read(file);
        loginWindowChecked = false;
        readyByChecked = false;
        RenewalSettings renewal = saved.renewal();
        UiSettings ui = saved.ui();
        automatic.set(renewal.automatic());
        loginWindowText.set(renewal.loginWindow().toString());
        readyByText.set(renewal.readyBy().toString());
        loginMethod.set(renewal.loginMethod());
        clipboardChoices = ClipboardClearing.choices(ui.clipboardClear());
        clipboardClearing.set(new ClipboardClearing(ui.clipboardClear()));
        notifications.forEach((kind, on) -> on.set(ui.notifications().contains(kind)));
        startAtLoginOn.set(startAtLogin.supported() && startAtLogin.enabled());
        theme.set(ui.theme());
        notice.set(Notice.NONE);
        forgetNotice.set(Notice.NONE);
        updateProblems();
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
            LoginWindow.parse(text);
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
     * Saves both sections and start at login, then tells {@code changed}. With a wrong value nothing
     * is saved and the field says why; when the file cannot be written the old settings hold.
     *
     * @return true when the settings were saved
     */
    public boolean save() {
        loginWindowChecked = true;
        readyByChecked = true;
        updateProblems();
        if (!loginWindowProblem.get().isEmpty() || !readyByProblem.get().isEmpty()) {
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
        LoginWindow window = LoginWindow.parse(loginWindowText.get());
        LocalTime readyBy = parseTime(readyByText.get()).orElseThrow();
        Set<NotificationKind> on = EnumSet.noneOf(NotificationKind.class);
        notifications.forEach((kind, property) -> {
            if (property.get()) {
                on.add(kind);
            }
        });
        ClipboardClearing clearing = Objects.requireNonNullElse(clipboardClearing.get(),
                new ClipboardClearing(saved.ui().clipboardClear()));
        // What the window does not show (the token checks) stays as saved.
        return new AppSettings(saved.renewal().withAutomatic(automatic.get()).withLoginWindow(window).withReadyBy(readyBy)
                        .withLoginMethod(Objects.requireNonNullElse(loginMethod.get(), saved.renewal().loginMethod())),
                new UiSettings(clearing.after(), on, Objects.requireNonNullElse(theme.get(), Theme.SYSTEM)));
    }

    // ---- forgetting ----

    /** Removes the credentials and token from the keychain (after the window's confirmation). */
    public void forgetCredentials() {
        if (forgetting.get()) {
            return;
        }
        forgetting.set(true);
        forgetNotice.set(Notice.info("Removing your Upstox login from the keychain…"));
        try {
            background.execute(() -> {
                try {
                    forget.forget();
                    fx.execute(() -> forgotten(Optional.empty()));
                } catch (Exception e) {
                    fx.execute(() -> forgotten(Optional.of(e)));
                }
            });
        } catch (RuntimeException e) {
            forgotten(Optional.of(e));
        }
    }

    private void forgotten(Optional<Exception> failure) {
        forgetting.set(false);
        forgetNotice.set(failure.map(e -> Notice.error("Your Upstox login could not be removed: " + e.getMessage()))
                .orElse(Notice.success("Your Upstox login and token are removed from the keychain. Automatic"
                        + " renewal stops until you set up again.")));
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

    /** What forgetting the credentials did (or is doing). */
    public ReadOnlyObjectProperty<Notice> forgetNoticeProperty() {
        return forgetNotice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty forgettingProperty() {
        return forgetting.getReadOnlyProperty();
    }
}
