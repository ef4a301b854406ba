package dev.tokentray.testsupport;

import dev.tokentray.vault.KeychainService;

/**
 * The keychain service name of every test, in the test JVM and in the app processes it starts
 * ({@link AppProcess} sets {@link KeychainService#VARIABLE}): never the app's own
 * ({@value KeychainService#NAME}), so that running the tests on a trader's desktop leaves the
 * trader's entries alone.
 */
public final class TestKeychain {
    public static final String SERVICE = "upstox-token-tray-test";

    private TestKeychain() {}
}
