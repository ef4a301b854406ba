package dev.tokentray.vault;

/**
 * A login was asked for, but the profile has no credentials in the keychain. The message says
 * what is missing; the command line and the window each add where to enter them.
 */
public final class NoCredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Profile profile;

    public NoCredentialsException(Profile profile) {
        super("No Upstox credentials are stored for profile '" + profile + "'.");
        this.profile = profile;
    }

    public Profile profile() {
        return profile;
    }
}
