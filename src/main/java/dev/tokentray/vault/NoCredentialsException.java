package dev.tokentray.vault;

/** A login was asked for, but the profile has no credentials in the keychain. */
public final class NoCredentialsException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoCredentialsException(Profile profile) {
        super("No Upstox credentials are stored for profile '" + profile + "'. Enter them in the app's setup"
                + " window, or run `upstox-token-tray setup --from-env" + (profile.equals(Profile.DEFAULT) ? "" : " --profile " + profile) + "`.");
    }
}
