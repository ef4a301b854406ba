package dev.tokentray.renew;

/** The machines that renew one account cannot agree now: their shared Redis cannot be reached, say. The message says what to do. */
public final class CoordinationException extends Exception {
    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
