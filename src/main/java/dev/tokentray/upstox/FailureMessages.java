package dev.tokentray.upstox;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Upstox answered into a classified failure with a message that says what happened
 * and what to do. The codes and their meaning come from the protocol note's error table.
 */
final class FailureMessages {
    static final Duration OTP_RATE_LIMIT_WAIT = Duration.ofMinutes(10);
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofMinutes(1);

    private static final String NO_RETRY = ". The app does not retry it, to keep your account from being locked.";
    private static final String BROWSER_FALLBACK = " Meanwhile you can log in with the browser.";
    private static final Pattern ATTEMPTS_LEFT = Pattern.compile("(\\d+)\\s+attempts?\\s+left", Pattern.CASE_INSENSITIVE);
    private static final int MAX_QUOTED_LENGTH = 160;

    private FailureMessages() {}

    static LoginFailure classify(LoginStep step, UpstoxError error, Optional<Duration> retryAfter) {
        return switch (error.code()) {
            case "UDAPI100016" -> LoginFailure.credentials(step, CredentialField.CLIENT_SECRET,
                    "Upstox rejected the API key or API secret at " + step + ". Copy both again from your app"
                            + " in the Upstox developer console; the app does not retry them.");
            case "UDAPI100068" -> LoginFailure.credentials(step, CredentialField.CLIENT_ID,
                    "Upstox does not know this API key with this redirect URI at " + step + ". Both must match"
                            + " your app in the Upstox developer console exactly; the app does not retry them.");
            case "UDAPI100073" -> LoginFailure.credentials(step, CredentialField.CLIENT_ID,
                    "Upstox says this API key is inactive at " + step + ". Reactivate the app in the Upstox"
                            + " developer console, or use the key of an active app; the app does not retry it.");
            // A new login gets a new code, so this is worth one more try, like a network fault.
            case "UDAPI100057" -> LoginFailure.of(FailureKind.TRANSIENT, step,
                    "Upstox refused the authorization code as invalid or already used at " + step + "."
                            + " A new login usually works.");
            case "UDAPI10005" -> rateLimited(step, retryAfter.orElse(DEFAULT_RATE_LIMIT_WAIT));
            case "1017069" -> LoginFailure.rateLimited(step, retryAfter.orElse(OTP_RATE_LIMIT_WAIT),
                    "Upstox has paused OTP requests for this account for about "
                            + minutes(retryAfter.orElse(OTP_RATE_LIMIT_WAIT)) + " after too many logins, at "
                            + step + ". Wait that long before the next login.");
            case "1017076" -> LoginFailure.of(FailureKind.TRANSIENT, step,
                    "The OTP session expired before the login finished, at " + step + ". A new login usually works.");
            case "1017106" -> wrongPin(step, error);
            // Upstox's generic code for a request it could not read: the app sent what Upstox no longer takes.
            case "1017016" -> protocolChanged(step, "it answered its generic error " + error.code() + " \""
                    + quote(error.message()) + "\"");
            default -> unknownCode(step, error);
        };
    }

    static LoginFailure rateLimited(LoginStep step, Duration wait) {
        return LoginFailure.rateLimited(step, wait,
                "Upstox asked the app to slow down at " + step + ". Wait " + minutes(wait) + " before the next login.");
    }

    static LoginFailure blocked(LoginStep step, String what) {
        return LoginFailure.of(FailureKind.BLOCKED, step, "Upstox's bot protection stopped the login at " + step
                + " (" + what + "). Try again later." + BROWSER_FALLBACK);
    }

    /** Upstox answered, but with a passing fault of its own (and none of its errors, which would say more). */
    static LoginFailure serviceFault(LoginStep step, int status) {
        return LoginFailure.unanswered(step, secretSentAt(step).isPresent(),
                "Upstox had a fault (HTTP " + status + ") at " + step + ". A later try usually works.");
    }

    /** The network failed: no connection, a connection cut off, or no answer in time. */
    static LoginFailure networkFault(LoginStep step, String what) {
        return LoginFailure.unanswered(step, secretSentAt(step).isPresent(),
                "The login stopped at " + step + ": " + what + ". Check the internet connection; a later try"
                        + " usually works.");
    }

    /**
     * The failure of a browser login's exchange: classified like the TOTP login's, without the
     * advice to log in with the browser, which is what the trader just did.
     */
    static LoginFailure withoutBrowserFallback(LoginFailure failure) {
        if (!failure.message().endsWith(BROWSER_FALLBACK)) {
            return failure;
        }
        String message = failure.message().substring(0, failure.message().length() - BROWSER_FALLBACK.length());
        return new LoginFailure(failure.kind(), failure.step(), message, failure.field(), failure.retryAfter());
    }

    static LoginFailure protocolChanged(LoginStep step, String what) {
        return LoginFailure.of(FailureKind.PROTOCOL_CHANGED, step, "Upstox's login has changed at " + step + ": "
                + what + ". Update Upstox Token Tray." + BROWSER_FALLBACK);
    }

    /**
     * The value sent at {@code step} that Upstox checks and counts towards the account's lock:
     * the TOTP code at its check, the PIN at its own. An answer there that the app does not know
     * may be a rejection of that value.
     */
    static Optional<CredentialField> secretSentAt(LoginStep step) {
        return switch (step) {
            case OTP_VERIFY -> Optional.of(CredentialField.TOTP_SECRET);
            case PIN -> Optional.of(CredentialField.PIN);
            default -> Optional.empty();
        };
    }

    /**
     * After the PIN or TOTP was sent, Upstox answered in a way the app does not know ({@code what}):
     * it may have checked the value and turned it down, so it counts as a rejection until the
     * trader confirms, since five wrong tries lock the account.
     */
    static LoginFailure unclear(LoginStep step, String what) {
        CredentialField field = secretOf(step);
        String value = valueName(field);
        return LoginFailure.unclear(step, field, "Upstox gave an answer the app does not know after the " + value
                + " was sent, at " + step + " (" + what + "). It may have rejected the " + value + ", so to be safe"
                + " the app does not send this " + field.label() + " again until it changes or you confirm a retry.");
    }

    /**
     * A second login in a row whose answer did not come after the PIN or TOTP was sent at
     * {@code step}: Upstox may have checked the value each time and turned it down, with the
     * answer lost on the way, so it now counts as a rejection until the trader confirms.
     */
    static LoginFailure unansweredAgain(LoginStep step) {
        CredentialField field = secretOf(step);
        String value = valueName(field);
        return LoginFailure.unclear(step, field, "Upstox's answer did not arrive (or was a fault of its own) after"
                + " the " + value + " was sent, at " + step + ", for the second login in a row. Upstox may have checked"
                + " the " + value + " and rejected it each time, and five wrong tries lock the account, so the app does not send this "
                + field.label() + " again until it changes or you confirm a retry. Check the internet connection too.");
    }

    private static CredentialField secretOf(LoginStep step) {
        return secretSentAt(step).orElseThrow(
                () -> new IllegalArgumentException(step + " sends neither the PIN nor the TOTP"));
    }

    /** What the trader calls the value sent: the PIN, or the TOTP code made from the TOTP secret. */
    private static String valueName(CredentialField secret) {
        return secret == CredentialField.PIN ? "PIN" : "TOTP code";
    }

    private static LoginFailure unknownCode(LoginStep step, UpstoxError error) {
        String said = quote(error.message());
        if (said.matches("(?is).*\\b(locked|blocked)\\b.*")) {
            return LoginFailure.of(FailureKind.CREDENTIALS, step, "Upstox says at " + step + ": \"" + said
                    + "\" Unlock the account in the Upstox app or with Upstox support, then log in again.");
        }
        if (step == LoginStep.OTP_VERIFY && said.matches("(?is).*(invalid otp|attempts? left).*")) {
            return LoginFailure.credentials(step, CredentialField.TOTP_SECRET, "Upstox rejected the TOTP code at " + step
                    + attemptsLeft(error) + ". Check the TOTP secret and that this computer's clock is right"
                    + NO_RETRY);
        }
        if (step == LoginStep.PIN && said.matches("(?is).*(pin|attempts? left).*")) {
            return wrongPin(step, error);
        }
        String what = "the unknown error " + error.code() + " \"" + said + "\"";
        return secretSentAt(step).isPresent() ? unclear(step, what) : protocolChanged(step, "it answered " + what);
    }

    private static LoginFailure wrongPin(LoginStep step, UpstoxError error) {
        return LoginFailure.credentials(step, CredentialField.PIN,
                "Upstox rejected the PIN at " + step + attemptsLeft(error) + NO_RETRY);
    }

    private static String attemptsLeft(UpstoxError error) {
        Matcher matcher = ATTEMPTS_LEFT.matcher(error.message());
        if (!matcher.find()) {
            return "";
        }
        return ", " + matcher.group(1) + (matcher.group(1).equals("1") ? " attempt left" : " attempts left");
    }

    /** Upstox's own words, cut short: they are shown to the trader, never trusted as markup. */
    private static String quote(String message) {
        String flat = message.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_QUOTED_LENGTH ? flat : flat.substring(0, MAX_QUOTED_LENGTH) + "…";
    }

    private static String minutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
