package dev.tokentray.output;

/** An output could not take the token: the message says what happened and what to do, never a secret. */
public final class OutputException extends Exception {
    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
