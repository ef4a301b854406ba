package dev.tokentray.vault;

import java.util.Locale;

/** What a user can do about an unusable keychain, in the words of their OS. */
enum KeychainHelp {
    LINUX(
            "No keychain found: install and start GNOME Keyring or KWallet (any Secret Service keychain),"
                    + " then try again. On a server without a desktop, start one inside `dbus-run-session`"
                    + " with `gnome-keyring-daemon --unlock`.",
            "The keychain is locked: unlock your login keyring (answer its unlock prompt, or open"
                    + " Passwords and Keys or KWallet Manager), then try again."),
    MACOS(
            "The macOS Keychain cannot be opened: log out and in again, then try again.",
            "The macOS Keychain is locked: unlock the login keychain in Keychain Access, then try again."),
    WINDOWS(
            "Windows Credential Manager cannot be opened: check that the Credential Manager service"
                    + " runs, then try again.",
            "Windows Credential Manager is not answering: check that the Credential Manager service"
                    + " runs, then try again.");

    private final String noBackend;
    private final String locked;

    KeychainHelp(String noBackend, String locked) {
        this.noBackend = noBackend;
        this.locked = locked;
    }

    /** java-keyring tries the Secret Service and KWallet on every OS that is not macOS or Windows. */
    static KeychainHelp forThisOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return MACOS;
        }
        return os.startsWith("windows") ? WINDOWS : LINUX;
    }

    String noBackend() {
        return noBackend;
    }

    String locked() {
        return locked;
    }
}
