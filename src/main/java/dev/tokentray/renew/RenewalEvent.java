package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.TokenCheck;
import java.time.Instant;

/** Something the trader may need to hear of, beyond the state itself. */
public sealed interface RenewalEvent {

    /** A login got a new token. */
    record Renewed(Attempt attempt) implements RenewalEvent {}

    /** A login failed; the attempt's failure says why and what to do. */
    record Failed(Attempt attempt) implements RenewalEvent {}

    /** The ready-by time passed without a usable token: urgent, trading starts soon. */
    record NotReady(Instant readyBy, String why) implements RenewalEvent {}

    /** This computer's clock is off by more than 15 s, so Upstox will reject its TOTP codes. */
    record ClockOff(String warning) implements RenewalEvent {}

    /** Upstox was asked whether the token still works; {@code result} is its answer (for the metrics). */
    record TokenChecked(TokenCheck.Result result) implements RenewalEvent {}

    /** Upstox refused a token before its expiry: it is marked so, and a new one is planned. */
    record Revoked(AccessToken token) implements RenewalEvent {}

    /** An approval request went out: the trader should approve it in the Upstox app or on WhatsApp before {@code expiresAt}. */
    record ApprovalRequested(Instant expiresAt) implements RenewalEvent {}
}
