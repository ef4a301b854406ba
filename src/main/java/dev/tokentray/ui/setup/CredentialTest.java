package dev.tokentray.ui.setup;

import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import java.util.Optional;

/**
 * One real login with new credentials, which stores them (and the token) only when it works:
 * {@code renewer::testAndSave}. Runs off the FX thread; the listener hears each step. Values
 * Upstox rejected are refused without a request, unless {@code confirmed} names that rejection.
 */
@FunctionalInterface
public interface CredentialTest {
    FetchedToken testAndSave(UpstoxCredentials credentials, Optional<String> confirmed, LoginListener listener)
            throws LoginException, LoginRefusedException, KeychainException, InterruptedException;
}
