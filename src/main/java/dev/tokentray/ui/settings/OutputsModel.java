package dev.tokentray.ui.settings;

import dev.tokentray.output.FileFormat;
import dev.tokentray.output.FileOutputConfig;
import dev.tokentray.output.OutputConfig;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings window's outputs of an account (the one chosen in {@link #profileProperty()}, which
 * the window ties to its account chooser), without the window: the list the settings file holds,
 * adding and removing token files. Hooks and Redis are listed, and set up with the command
 * line ({@code outputs add hook|redis}), whose password input a window would only repeat. A change
 * is saved at once, not with the window's Save, and a new file gets the current token at once.
 * FX thread; the settings file is small and local, as for the window's own Save.
 */
public final class OutputsModel {

    /**
     * What the model needs from the app.
     *
     * @param changed called after each change of an account's outputs: the app hands that account's
     *                current token to its new outputs
     */
    public record Wiring(OutputSettings settings, Consumer<Profile> changed) {}

    private final Wiring wiring;
    private final Path home;
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>(this, "profile");
    private final ObservableList<OutputConfig> outputs = FXCollections.observableArrayList();
    private final ObjectProperty<FileFormat> format = new SimpleObjectProperty<>(this, "format", FileFormat.DOTENV);
    private final StringProperty path = new SimpleStringProperty(this, "path", "");
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice", Notice.NONE);

    /** @param home where a path typed as {@code ~/...} starts */
    public OutputsModel(Wiring wiring, Path home) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.home = home;
        profile.addListener((o, old, now) -> {
            notice.set(Notice.NONE);
            reload();
        });
    }

    /** The account whose outputs show; none (no account yet): nothing to show or add to. */
    public ObjectProperty<Profile> profileProperty() {
        return profile;
    }

    public void reload() {
        outputs.setAll(profile.get() == null ? List.of() : wiring.settings().of(profile.get()));
    }

    public ObservableList<OutputConfig> outputs() {
        return outputs;
    }

    public ObjectProperty<FileFormat> formatProperty() {
        return format;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether the window offers Remove for it: token files only (hooks and Redis: `outputs remove`). */
    public static boolean removable(OutputConfig output) {
        return output instanceof FileOutputConfig;
    }

    /** Adds the token file typed in {@link #pathProperty()}; says what went wrong in the notice instead. */
    public void addFile() {
        Profile of = profile.get();
        if (of == null) {
            notice.set(Notice.error("Add an account first: its tokens are what the file gets."));
            return;
        }
        Path file;
        try {
            file = file(path.get().strip());
        } catch (IllegalArgumentException e) {
            notice.set(Notice.error(e.getMessage()));
            return;
        }
        try {
            OutputConfig added = wiring.settings().add(of, FileOutputConfig.of(format.get(), file));
            reload();
            path.set("");
            notice.set(Notice.success("Added (" + added.id() + "): each new token goes to " + file + " ("
                    + format.get().id() + "), and the current one is written there now."));
            wiring.changed().accept(of);
        } catch (IOException e) {
            notice.set(Notice.error("Could not save the settings: " + e.getMessage()));
        }
    }

    public void remove(OutputConfig output) {
        Profile of = profile.get();
        if (of == null) {
            return;
        }
        try {
            wiring.settings().remove(of, output.id());
            reload();
            notice.set(Notice.info("Removed. " + (output instanceof FileOutputConfig file ? "The file " + file.path()
                    + " stays: delete it if no bot reads it." : "")));
            wiring.changed().accept(of);
        } catch (IOException e) {
            notice.set(Notice.error("Could not save the settings: " + e.getMessage()));
        }
    }

    private Path file(String typed) {
        if (typed.isEmpty()) {
            throw new IllegalArgumentException("Enter the token file's path, or choose it with Browse….");
        }
        Path file;
        try {
            file = typed.startsWith("~/") ? home.resolve(typed.substring(2)) : Path.of(typed);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("That is not a path: " + e.getReason() + ".");
        }
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("Give the whole path, from / (or ~/ for your home folder).");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder: give the token file's path, like "
                    + file.resolve(".env") + ".");
        }
        return file;
    }
}
