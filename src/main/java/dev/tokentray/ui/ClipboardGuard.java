package dev.tokentray.ui;

import dev.tokentray.token.Secret;
import dev.tokentray.ui.fx.FxDelay;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Puts the token on the clipboard, and takes it off again after a set time and when the app
 * quits, but only if the clipboard still holds it: whatever the trader copied since is theirs
 * (KeePassXC does the same). At quit, because a clipboard manager keeps what an app leaves on the
 * clipboard. Runs on the FX thread; the timer runs only while a clear is pending.
 */
public final class ClipboardGuard {
    private final Clipboard clipboard;
    private FxDelay pendingClear;
    private Optional<Secret> copied = Optional.empty();

    public ClipboardGuard(Clipboard clipboard) {
        this.clipboard = clipboard;
    }

    /** Copies the token; returns what to tell the trader ("Copied. Clipboard clears in 60 s"). */
    public String copy(Secret token, Optional<Duration> clearAfter) {
        ClipboardContent content = new ClipboardContent();
        content.putString(token.reveal());
        clipboard.setContent(content);
        copied = Optional.of(token);
        if (pendingClear != null) {
            pendingClear.cancel();
            pendingClear = null;
        }
        if (clearAfter.isEmpty()) {
            return "Copied. The clipboard keeps the token until you copy something else.";
        }
        pendingClear = FxDelay.after(clearAfter.get(), () -> clearIfStill(token));
        return "Copied. Clipboard clears in " + clearAfter.get().toSeconds() + " s.";
    }

    /** The app quits: the token goes with it. */
    public void quitting() {
        if (pendingClear != null) {
            pendingClear.cancel();
        }
        copied.ifPresent(this::clearIfStill);
    }

    private void clearIfStill(Secret token) {
        pendingClear = null;
        if (clipboard.hasString() && token.reveal().equals(clipboard.getString())) {
            clipboard.clear();
        }
    }
}
