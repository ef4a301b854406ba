package dev.tokentray.ui.settings;

/**
 * Removes the profile's credentials and token from the keychain ({@code vault::forget}). It is
 * slow and fallible like every keychain call, so the settings window runs it off the FX thread.
 */
@FunctionalInterface
public interface ForgetCredentials {
    void forget() throws Exception;
}
