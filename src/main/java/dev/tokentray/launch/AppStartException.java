package dev.tokentray.launch;

/**
 * The tray app could not start here: no display, or one that refused it. Its message is the one
 * line the trader reads ("No display: for a server use `run --headless`"); the log has the rest.
 */
public final class AppStartException extends Exception {
    public AppStartException(String oneLine) {
        super(oneLine);
    }
}
