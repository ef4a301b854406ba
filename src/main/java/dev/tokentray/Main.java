package dev.tokentray;

import dev.tokentray.cli.Cli;
import dev.tokentray.platform.UncaughtFailures;
import dev.tokentray.ui.TrayApp;

/**
 * The one entry point: a command runs the CLI; no command starts the tray app. It always ends the
 * process with the exit code, also after an Error: threads that never end (the simulator's,
 * dbus-java's) would otherwise keep a process alive that nobody sees.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        UncaughtFailures failures = UncaughtFailures.install();
        int code = 1;
        try {
            code = Cli.run(args, TrayApp::launch);
        } catch (RuntimeException | Error unexpected) {
            failures.uncaughtException(Thread.currentThread(), unexpected);
            System.err.println("Unexpected error (" + unexpected.getClass().getSimpleName() + "): the log has the details.");
        }
        System.exit(code);
    }
}
