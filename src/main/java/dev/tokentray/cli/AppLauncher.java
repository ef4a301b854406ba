package dev.tokentray.cli;

/** Starts the tray app; the CLI knows nothing of the UI beyond this. */
@FunctionalInterface
public interface AppLauncher {
    void launch(AppStart start);
}
