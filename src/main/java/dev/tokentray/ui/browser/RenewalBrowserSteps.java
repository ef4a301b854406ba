package dev.tokentray.ui.browser;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.LoginOutcome;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.NoAutomaticLoginException;
import dev.tokentray.renew.RenewalSchedule;
import dev.tokentray.renew.TokenFetcher;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import java.io.IOException;
import java.net.URI;

/**
 * The browser login through the app's own renewal: the login starts from the stored credentials,
 * and its code is exchanged by the renewal service, so that the token is stored, recorded and
 * shown (tray, window, notification) like any renewal's.
 */
public record RenewalBrowserSteps(TokenFetcher renewer, RenewalSchedule service, BrowserOpener browser)
        implements BrowserLoginSteps {

    @Override
    public BrowserLogin begin() throws KeychainException, NoCredentialsException {
        return renewer.startBrowserLogin();
    }

    @Override
    public void openBrowser(URI address) throws IOException {
        browser.open(address);
    }

    @Override
    public AccessToken finish(BrowserLogin login, AuthorizationCode code) throws LoginException, LoginRefusedException,
            KeychainException, NoCredentialsException, NoAutomaticLoginException, InterruptedException {
        // What TokenFetcher.completeBrowserLogin threw, on the service's thread.
        return LoginOutcome.of(service.completeBrowserLogin(login, code)).token();
    }
}
