package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import dev.tokentray.vault.KeychainException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How java-keyring's failures reach the user; the backends of other OSes are known here by their words. */
class KeychainFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "No stored credentials match upstox-token-tray account: default/token", // Secret Service, macOS
        "No password to delete. No stored credentials match upstox-token-tray account: default/token", // macOS
        "Password is not in wallet", // KWallet
        "Password cannot be deleted, it is not in wallet", // KWallet
        "Password not Found", // Windows
        "Error code 1168" // Windows ERROR_NOT_FOUND
    })
    void knowsAMissingEntryInTheWordsOfEachBackend(String message) {
        assertThat(KeychainFailures.isMissingEntry(new PasswordAccessException(message))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Too many stored credentials match upstox-token-tray account: default/token", "Error code 5"})
    void doesNotMistakeARealFailureForAMissingEntry(String message) {
        assertThat(KeychainFailures.isMissingEntry(new PasswordAccessException(message))).isFalse();
    }

    @Test
    void noBackendTellsHowToGetAKeychain() {
        KeychainException failure =
                KeychainFailures.of(new BackendNotSupportedException("No available keyring backend found"));

        assertThat(failure.reason()).isEqualTo(Reason.NO_BACKEND);
        assertThat(failure.getMessage()).startsWith("No keychain found: install and start GNOME Keyring or KWallet");
    }

    @Test
    void theSecretServiceLibrarysOwnNullPointerMeansLocked() {
        KeychainException failure = KeychainFailures.of(new NullPointerException("\"response\" is null"));

        assertThat(failure.reason()).isEqualTo(Reason.LOCKED);
        assertThat(failure.getMessage()).startsWith("The keychain is locked: unlock");
    }

    @Test
    void aRefusalKeepsTheLibrarysWords() {
        KeychainException failure = KeychainFailures.of(
                new PasswordAccessException("Too many stored credentials match upstox-token-tray account: a"));

        assertThat(failure.reason()).isEqualTo(Reason.FAILED);
        assertThat(failure.getMessage()).contains("Too many stored credentials match upstox-token-tray account: a");
    }
}
