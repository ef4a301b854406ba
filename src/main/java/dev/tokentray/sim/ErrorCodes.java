package dev.tokentray.sim;

/** The error codes the simulator answers. */
final class ErrorCodes {
    // Upstox's own, as listed in the protocol note.
    static final String INVALID_CREDENTIALS = "UDAPI100016";
    static final String WRONG_CLIENT_ID_OR_REDIRECT_URI = "UDAPI100068";
    static final String INVALID_AUTH_CODE = "UDAPI100057";
    static final String INVALID_TOKEN = "UDAPI100050";
    static final String WRONG_PIN = "1017106";
    static final String OTP_RATE_LIMITED = "1017069";
    static final String OTP_SESSION_EXPIRED = "1017076";
    static final String GENERIC = "1017016";
    /** Upstox's "bad request" (named in upstox-totp's error list). */
    static final String BAD_REQUEST = "UDAPI10000";

    // The simulator's own: Upstox's codes for these are not known. Clients recognise a wrong
    // TOTP by its message ("Invalid OTP ... attempts left"), and a lock by "locked".
    static final String WRONG_OTP = "SIM-INVALID-OTP";
    static final String ACCOUNT_LOCKED = "SIM-ACCOUNT-LOCKED";
    /** The injected error no client knows ({@link Fault.UnknownError}). */
    static final String UNKNOWN = "SIM-UNKNOWN-9999";

    static final String WRONG_CLIENT_ID_OR_REDIRECT_URI_MESSAGE =
            "Check your 'client_id' and 'redirect_uri'; one or both are incorrect.";

    private ErrorCodes() {}
}
