package dev.tokentray;

import dev.tokentray.cli.Cli;
import dev.tokentray.ui.TrayApp;

/** The one entry point: a command runs the CLI; no command starts the tray app. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, TrayApp::launch));
    }
}
