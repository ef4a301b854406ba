package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} does. The real keychain store and the in-memory one for unit
 * tests both pass it, so that tests written against the fast one hold for the real one.
 */
abstract class SecretStoreContract {

    /** 1,024 bytes in UTF-8, about the largest entry the app keeps, with characters beyond ASCII. */
    static final String ONE_KILOBYTE = "₹ä-".repeat(100) + "x".repeat(424);

    /** A fresh account per test, so that tests never see each other's entries. */
    protected final String account = "test-" + UUID.randomUUID();

    protected SecretStore store;

    protected abstract SecretStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void removeTestEntry() throws KeychainException {
        if (store != null) {
            store.delete(account);
        }
    }

    @Test
    void readsWhatWasWritten() throws KeychainException {
        store.write(account, "first value");

        assertThat(store.read(account)).contains("first value");
    }

    @Test
    void aWriteReplacesTheWholeValue() throws KeychainException {
        store.write(account, "a long first value");
        store.write(account, "short");

        assertThat(store.read(account)).contains("short");
    }

    @Test
    void deleteRemovesTheValue() throws KeychainException {
        store.write(account, "to be removed");
        store.delete(account);

        assertThat(store.read(account)).isEmpty();
    }

    @Test
    void readingAMissingEntryGivesNothing() throws KeychainException {
        assertThat(store.read(account)).isEmpty();
    }

    @Test
    void deletingAMissingEntryIsNotAnError() throws KeychainException {
        store.delete(account);

        assertThat(store.read(account)).isEmpty();
    }

    @Test
    void keepsAValueOfAKilobyte() throws KeychainException {
        assertThat(ONE_KILOBYTE.getBytes(StandardCharsets.UTF_8)).hasSize(1024);

        store.write(account, ONE_KILOBYTE);

        assertThat(store.read(account)).contains(ONE_KILOBYTE);
    }

    @Test
    void keepsAccountsApart() throws KeychainException {
        String otherAccount = account + "-other";
        try {
            store.write(account, "mine");
            store.write(otherAccount, "theirs");

            assertThat(store.read(account)).contains("mine");
            assertThat(store.read(otherAccount)).contains("theirs");
        } finally {
            store.delete(otherAccount);
        }
    }
}
