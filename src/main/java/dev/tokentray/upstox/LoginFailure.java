package dev.tokentray.upstox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A classified login failure: its kind, the step, a message that says what happened and what
 * to do (never a secret), the field to correct for a credentials error, and the wait Upstox
 * asked for when rate limited.
 *
 * @param unclear after the PIN or TOTP code was sent, Upstox's judgement of it is unknown: for a
 *                {@link FailureKind#CREDENTIALS} failure, Upstox answered in a way the app does
 *                not know, which stops like a rejection, since it may be one; for a
 *                {@link FailureKind#TRANSIENT} one, its answer did not come, or was a fault
 *                ({@link #unansweredSecret})
 */
public record LoginFailure(FailureKind kind, LoginStep step, String message, Optional<CredentialField> field,
        Optional<Duration> retryAfter, boolean unclear) {

    public LoginFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public LoginFailure(FailureKind kind, LoginStep step, String message, Optional<CredentialField> field,
            Optional<Duration> retryAfter) {
        this(kind, step, message, field, retryAfter, false);
    }

    /** What happened, in a few words, for a list of logins: "rejected PIN", "network or service fault". */
    public String summary() {
        return switch (kind) {
            case CREDENTIALS -> field.map(rejected -> (unclear ? "unclear answer, " : "rejected ") + rejected.label())
                    .orElse("account locked");
            case RATE_LIMITED -> "rate limited";
            case TRANSIENT -> "network or service fault";
            case BLOCKED -> "blocked by Upstox";
            case PROTOCOL_CHANGED -> "login changed";
        };
    }

    /**
     * A network or service fault after the PIN or TOTP code was sent: Upstox may have checked the
     * value without its answer arriving. Once is a fault like any other; {@link #unansweredAgain}
     * is what a second one in a row becomes.
     */
    public boolean unansweredSecret() {
        return kind == FailureKind.TRANSIENT && unclear;
    }

    /** This {@linkplain #unansweredSecret unanswered} failure, met for the second login in a row: an unclear rejection. */
    public LoginFailure unansweredAgain() {
        if (!unansweredSecret()) {
            throw new IllegalStateException("Not a fault after the PIN or TOTP was sent: " + summary());
        }
        return FailureMessages.unansweredAgain(step);
    }

    static LoginFailure of(FailureKind kind, LoginStep step, String message) {
        return new LoginFailure(kind, step, message, Optional.empty(), Optional.empty());
    }

    /** A network or service fault; {@code afterSecret} when the PIN or TOTP code was sent at {@code step}. */
    static LoginFailure unanswered(LoginStep step, boolean afterSecret, String message) {
        return new LoginFailure(FailureKind.TRANSIENT, step, message, Optional.empty(), Optional.empty(), afterSecret);
    }

    static LoginFailure credentials(LoginStep step, CredentialField field, String message) {
        return new LoginFailure(FailureKind.CREDENTIALS, step, message, Optional.of(field), Optional.empty());
    }

    static LoginFailure unclear(LoginStep step, CredentialField field, String message) {
        return new LoginFailure(FailureKind.CREDENTIALS, step, message, Optional.of(field), Optional.empty(), true);
    }

    static LoginFailure rateLimited(LoginStep step, Duration wait, String message) {
        return new LoginFailure(FailureKind.RATE_LIMITED, step, message, Optional.empty(), Optional.of(wait));
    }
}
