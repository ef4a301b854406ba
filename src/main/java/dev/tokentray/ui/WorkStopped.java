package dev.tokentray.ui;

import dev.tokentray.platform.UncaughtFailures;
import dev.tokentray.ui.settings.Notice;
import java.nio.file.Path;

/** What the window says when an exception nobody caught stopped some work ({@link UncaughtFailures}). */
final class WorkStopped {
    private WorkStopped() {}

    static Notice notice(UncaughtFailures.Failure failure, Path logs) {
        return Notice.error("Something stopped: an unexpected " + failure.exception() + " on the thread '"
                + failure.thread() + "'. The app goes on; if something no longer works, quit it and start it again."
                + " The log in " + logs + " has the details.");
    }
}
