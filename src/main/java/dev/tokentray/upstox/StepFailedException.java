package dev.tokentray.upstox;

/** Ends a login at the step that failed; {@link TotpLogin} turns it into a {@link LoginException}. */
class StepFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LoginFailure failure;

    StepFailedException(LoginFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    LoginFailure failure() {
        return failure;
    }
}
