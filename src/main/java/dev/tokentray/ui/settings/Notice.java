package dev.tokentray.ui.settings;

import java.util.Locale;
import java.util.Objects;

/** A line a window shows about what just happened, and how it reads: plain, good news, or a problem. */
public record Notice(String text, Tone tone) {
    public static final Notice NONE = new Notice("", Tone.INFO);

    public enum Tone {
        INFO,
        SUCCESS,
        ERROR;

        /** The style class of {@code app.css} for this tone: {@code tone-info}, {@code tone-success}, {@code tone-error}. */
        public String styleClass() {
            return "tone-" + name().toLowerCase(Locale.ROOT);
        }
    }

    public Notice {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tone, "tone");
    }

    public static Notice info(String text) {
        return new Notice(text, Tone.INFO);
    }

    public static Notice success(String text) {
        return new Notice(text, Tone.SUCCESS);
    }

    public static Notice error(String text) {
        return new Notice(text, Tone.ERROR);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
