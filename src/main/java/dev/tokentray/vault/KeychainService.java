package dev.tokentray.vault;

import java.util.Map;

/**
 * The service name all of the app's keychain entries are stored under: {@value #NAME}, as the
 * README names it. The test command gives the processes it starts a name of their own in
 * {@value #VARIABLE}, so that a test run on a trader's desktop never reads, writes or deletes the
 * trader's own entries.
 */
public final class KeychainService {
    public static final String NAME = "upstox-token-tray";
    public static final String VARIABLE = "UPSTOX_TOKEN_TRAY_KEYCHAIN_SERVICE";

    private KeychainService() {}

    /** {@value #VARIABLE} when it is set, else {@value #NAME}. */
    public static String of(Map<String, String> environment) {
        String chosen = environment.getOrDefault(VARIABLE, "").strip();
        return chosen.isEmpty() ? NAME : chosen;
    }
}
