package dev.tokentray.launch;

/** Starts the tray app: the command line knows nothing of the UI beyond this. */
@FunctionalInterface
public interface AppLauncher {

    /**
     * Runs the tray app until the trader quits it.
     *
     * @throws AppStartException when it cannot show anything here, saying why in one line
     */
    void launch(AppStart start) throws AppStartException;
}
