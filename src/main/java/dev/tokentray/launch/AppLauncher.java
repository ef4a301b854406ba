package dev.tokentray.launch;

/** Starts the tray app: the command line knows nothing of the UI beyond this. */
@FunctionalInterface
public interface AppLauncher {
    void launch(AppStart start);
}
