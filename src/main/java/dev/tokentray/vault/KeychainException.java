package dev.tokentray.vault;

/** The keychain cannot be used now. The message says what to do; it never holds a secret. */
public final class KeychainException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No keychain backend on this machine (no Secret Service, KWallet, Keychain or Credential Manager). */
        NO_BACKEND,
        /** The keychain is locked, or did not answer in time (an unlock prompt may be waiting). */
        LOCKED,
        /** The keychain answered with an error. */
        FAILED
    }

    private final Reason reason;

    public KeychainException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
