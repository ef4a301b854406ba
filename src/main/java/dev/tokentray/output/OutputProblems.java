package dev.tokentray.output;

/**
 * Hears outputs that could not take a token: the tray app shows a notification, the headless
 * renewer logs an error, a command prints it on stderr. Told once per output until it takes a
 * token again, however often the dispatcher retries meanwhile; called on an output's thread.
 */
@FunctionalInterface
public interface OutputProblems {
    void failed(OutputFailure failure);
}
