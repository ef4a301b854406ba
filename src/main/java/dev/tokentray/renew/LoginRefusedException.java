package dev.tokentray.renew;

/** A login that the policy did not allow (see {@link RenewalPolicy#refusal}); nothing reached Upstox. */
public final class LoginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    public LoginRefusedException(Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
