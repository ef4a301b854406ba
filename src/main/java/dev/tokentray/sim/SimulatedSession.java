package dev.tokentray.sim;

import java.time.Instant;

/**
 * What Upstox remembers of one browser tab's login between steps 1 and 5 (or the login form),
 * kept under the session cookie. Immutable: each step stores its successor in {@link LoginSessions}.
 *
 * @param userId           the account the dialog was opened for (by its API key)
 * @param state            the {@code state} the dialog was opened with, sent back with the code; null when none
 * @param validateOtpToken the OTP session of step 2, null before it
 * @param otpSentAt        when step 2 started that OTP session, null before it
 * @param pinRedirectUri   the redirect_uri the accepted PIN step was called with, null before it;
 *                         step 5 must name the same
 */
record SimulatedSession(
        String id, String userId, Instant openedAt, String state, Stage stage, String validateOtpToken, Instant otpSentAt,
        String pinRedirectUri) {

    /** How far the login got, in order. */
    enum Stage {
        DIALOG_OPENED,
        OTP_SENT,
        OTP_VERIFIED,
        PIN_VERIFIED
    }

    static SimulatedSession opened(String id, String userId, Instant now, String state) {
        return new SimulatedSession(id, userId, now, state, Stage.DIALOG_OPENED, null, null, null);
    }

    /** A new OTP session; generating one again starts the OTP check over. */
    SimulatedSession otpSent(String token, Instant now) {
        return new SimulatedSession(id, userId, openedAt, state, Stage.OTP_SENT, token, now, null);
    }

    SimulatedSession otpVerified() {
        return new SimulatedSession(id, userId, openedAt, state, Stage.OTP_VERIFIED, validateOtpToken, otpSentAt, null);
    }

    SimulatedSession pinVerified(String redirectUri) {
        return new SimulatedSession(id, userId, openedAt, state, Stage.PIN_VERIFIED, validateOtpToken, otpSentAt, redirectUri);
    }

    boolean reached(Stage needed) {
        return stage.compareTo(needed) >= 0;
    }
}
