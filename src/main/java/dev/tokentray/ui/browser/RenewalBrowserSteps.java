package dev.tokentray.ui.browser;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.Renewer;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;

/**
 * The browser login through the app's own renewal: the login starts from the stored credentials,
 * and its code is exchanged by the renewal service, so that the token is stored, recorded and
 * shown (tray, window, notification) like any renewal's.
 */
public record RenewalBrowserSteps(Renewer renewer, RenewalService service, BrowserOpener browser)
        implements BrowserLoginSteps {

    @Override
    public BrowserLogin begin() throws Exception {
        return renewer.startBrowserLogin();
    }

    @Override
    public void openBrowser(URI address) throws IOException {
        browser.open(address);
    }

    @Override
    public AccessToken finish(BrowserLogin login, AuthorizationCode code) throws Exception {
        try {
            return service.completeBrowserLogin(login, code).get().token();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
