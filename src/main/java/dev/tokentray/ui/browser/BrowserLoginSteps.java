package dev.tokentray.ui.browser;

import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.NoAutomaticLoginException;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import java.io.IOException;
import java.net.URI;

/**
 * What the browser-login window needs from the app. Each may be slow (the keychain, the network,
 * starting a browser): {@link BrowserLoginModel} calls them off the FX thread.
 */
public interface BrowserLoginSteps {

    /** A new login (a new state) for the stored credentials' API key and redirect URI. */
    BrowserLogin begin() throws KeychainException, NoCredentialsException;

    /**
     * Opens the system browser at the address.
     *
     * @throws IOException when no browser could be started, saying why (never with the address)
     */
    void openBrowser(URI address) throws IOException;

    /** Exchanges the code for a token, stores it and records the login, like any renewal. */
    AccessToken finish(BrowserLogin login, AuthorizationCode code) throws LoginException, LoginRefusedException,
            KeychainException, NoCredentialsException, NoAutomaticLoginException, InterruptedException;
}
