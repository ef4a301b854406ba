package dev.tokentray.sim;

/**
 * Which versions of the versioned login endpoints the simulator serves. Upstox changes these
 * versions from time to time; the endpoints of the other variant answer 404, as retired
 * versions do, so that a client's fallback from one version to the next can be tested.
 */
public enum EndpointVariant {
    /** OTP check on {@code v5} (answers {@code accounts[]}), PIN on {@code v4} (then step 5). */
    NEW,
    /**
     * OTP check on {@code v4} (answers {@code userProfile}), PIN on {@code v3} (answers a
     * {@code redirectUri} that leads to the code). This is what upstox-totp 1.0.8 speaks.
     */
    OLD
}
