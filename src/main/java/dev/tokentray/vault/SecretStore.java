package dev.tokentray.vault;

import java.util.Optional;

/**
 * Named secrets in the OS keychain, under one service name. Calls can be slow and can fail
 * (a keychain may be locked at any time): callers keep them off the UI thread, and every
 * implementation bounds each call in time.
 */
public interface SecretStore {

    /** The stored value, or empty when there is none. */
    Optional<String> read(String account) throws KeychainException;

    /** Stores the value, replacing the old one as a whole (never a partial write). */
    void write(String account, String value) throws KeychainException;

    /** Removes the value; removing what is not there is not an error. */
    void delete(String account) throws KeychainException;
}
