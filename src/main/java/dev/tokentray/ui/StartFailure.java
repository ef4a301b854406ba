package dev.tokentray.ui;

import dev.tokentray.launch.AppStartException;
import dev.tokentray.platform.UncaughtFailures;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A start of the tray app that cannot show anything says so in one line and ends, rather than
 * printing a stack trace and renewing on with no tray and no window: started on a server or over
 * ssh without a display, or with a display that refuses it (X refuses a client it has no cookie
 * for, or while it resets). The log keeps the stack.
 */
final class StartFailure {
    private static final Logger LOG = LoggerFactory.getLogger(StartFailure.class);
    static final String NO_DISPLAY = "No display: for a server use `run --headless`";

    private StartFailure() {}

    /**
     * Before anything starts: where windows need X or Wayland (not Windows, not macOS), a process
     * with neither variable set has no display to show them on.
     */
    static Optional<AppStartException> noDisplay(String osName, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean ownDisplay = os.startsWith("windows") || os.startsWith("mac");
        if (ownDisplay || set(environment, "DISPLAY") || set(environment, "WAYLAND_DISPLAY")) {
            return Optional.empty();
        }
        LOG.error("The tray app cannot start: neither DISPLAY nor WAYLAND_DISPLAY is set");
        return Optional.of(new AppStartException(NO_DISPLAY));
    }

    /** The failure of the UI's start (AWT's or JavaFX's), logged, in one line. */
    static AppStartException of(Throwable failure, Map<String, String> environment, Path logs) {
        LOG.error("The tray app could not start: {}\n{}", failure.getClass().getName(),
                UncaughtFailures.withoutMessages(failure));
        if (refusedByTheDisplay(failure)) {
            return new AppStartException("No display: the display " + environment.getOrDefault("DISPLAY", "")
                    + " refused the connection; for a server use `run --headless`");
        }
        return new AppStartException("The tray app could not start (" + failure.getClass().getSimpleName()
                + "); the log in " + logs + " says more. For a server use `run --headless`");
    }

    /**
     * AWT says so with an {@code AWTError} (or a {@code HeadlessException}), JavaFX with "Unable to
     * open DISPLAY". By name: only the tray and notification adapters may touch AWT's classes.
     */
    private static boolean refusedByTheDisplay(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String type = current.getClass().getName();
            String message = String.valueOf(current.getMessage());
            if (type.equals("java.awt.AWTError") || type.equals("java.awt.HeadlessException")
                    || message.contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }

    private static boolean set(Map<String, String> environment, String name) {
        return !environment.getOrDefault(name, "").isBlank();
    }
}
