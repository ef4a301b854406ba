package dev.tokentray.ui.setup;

import dev.tokentray.renew.Renewal;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.UpstoxCredentials;

/**
 * One real login with new credentials, which stores them (and the token) only when it works:
 * {@code renewer::testAndSave}. Runs off the FX thread; the listener hears each step.
 */
@FunctionalInterface
public interface CredentialTest {
    Renewal testAndSave(UpstoxCredentials credentials, LoginListener listener) throws Exception;
}
