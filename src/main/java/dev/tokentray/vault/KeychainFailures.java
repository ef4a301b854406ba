package dev.tokentray.vault;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import dev.tokentray.vault.KeychainException.Reason;
import java.time.Duration;
import java.util.List;

/**
 * Turns what java-keyring throws into a {@link KeychainException} that tells the user what to do.
 * A message holds at most the library's own words, which name the service and the account but
 * never a stored value.
 */
final class KeychainFailures {

    /**
     * java-keyring reports a missing entry as a {@link PasswordAccessException}, like any real
     * failure; only the message tells them apart. These are the words of each of its backends.
     */
    private static final List<String> MISSING_ENTRY_MESSAGES = List.of(
            "No stored credentials match", // Secret Service (GNOME Keyring, KeePassXC), macOS
            "No password to delete", // macOS, on delete
            "not in wallet", // KWallet
            "Password not Found", // Windows, an entry without a value
            "Error code 1168"); // Windows, ERROR_NOT_FOUND

    private static final KeychainHelp HELP = KeychainHelp.forThisOs();

    private KeychainFailures() {}

    static boolean isMissingEntry(PasswordAccessException e) {
        String message = e.getMessage();
        return message != null && MISSING_ENTRY_MESSAGES.stream().anyMatch(message::contains);
    }

    /** What a call that ended with {@code failure} means for the user. */
    static KeychainException of(Throwable failure) {
        return switch (failure) {
            case KeychainException e -> e;
            case BackendNotSupportedException e -> new KeychainException(Reason.NO_BACKEND, HELP.noBackend(), e);
            case PasswordAccessException e -> new KeychainException(
                    Reason.FAILED,
                    "The keychain refused the request (" + e.getMessage() + "). Try again; if it keeps"
                            + " failing, look at this app's entries in your keychain's own application.",
                    e);
            // When the keyring is locked (and no unlock prompt can be shown), the Secret Service
            // library gets empty answers and fails with a NullPointerException of its own.
            case RuntimeException e -> new KeychainException(Reason.LOCKED, HELP.locked(), e);
            default -> new KeychainException(Reason.FAILED, "The keychain failed: " + failure, failure);
        };
    }

    static KeychainException locked() {
        return new KeychainException(Reason.LOCKED, HELP.locked(), null);
    }

    /** A keychain that does not answer is stuck, or waits for an unlock prompt that nobody answers. */
    static KeychainException timedOut(Duration timeout) {
        return new KeychainException(
                Reason.LOCKED,
                "The keychain did not answer within " + timeout.toSeconds() + " s: it may be locked and"
                        + " waiting for its password. " + HELP.locked(),
                null);
    }
}
