package dev.tokentray.cli;

/** Starts the tray app; the CLI knows nothing of the UI beyond this. */
@FunctionalInterface
public interface AppLauncher {

    /**
     * Runs the tray app until the trader quits it.
     *
     * @throws AppStartException when it cannot show anything here, saying why in one line
     */
    void launch(AppStart start) throws AppStartException;
}
