package dev.tokentray.cli;

/** {@code login --approval} waited in vain: the trader did not approve before the request expired, or the token did not arrive. */
final class ApprovalUnansweredException extends Exception {
    private static final long serialVersionUID = 1L;

    ApprovalUnansweredException(String message) {
        super(message);
    }
}
