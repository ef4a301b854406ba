package dev.tokentray.ui.account;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.ui.browser.BrowserLoginSteps;
import dev.tokentray.ui.browser.RenewalBrowserSteps;
import dev.tokentray.ui.setup.CredentialTest;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.vault.KeychainException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account whose token the app renews itself: its renewal service on a thread of its own (so
 * that one account's slow login never holds up another's state), and what the trader can do with
 * it: renew now, log in with the browser, test new credentials, forget them.
 */
public final class OwnRenewal implements TokenSource {
    private final ProfileRenewal renewal;
    private final ThreadScheduler scheduler;
    private final RenewalService service;

    public OwnRenewal(ProfileRenewal renewal) {
        this.renewal = renewal;
        this.scheduler = new ThreadScheduler("renewal-" + renewal.renewer().vault().profile());
        this.service = renewal.service(scheduler, System::nanoTime);
    }

    @Override
    public void addListener(RenewalListener listener) {
        service.addListener(listener);
    }

    @Override
    public void start() {
        service.start();
    }

    @Override
    public Optional<OwnRenewal> ownRenewal() {
        return Optional.of(this);
    }

    @Override
    public List<Attempt> attempts() {
        return renewal.history().attempts(renewal.renewer().vault().profile().name());
    }

    /** A login now; a rejected login only when the trader confirmed ({@code retryConfirmed}). */
    public void renewNow(boolean retryConfirmed) {
        service.renewNow(retryConfirmed);
    }

    /** Settings or credentials changed: plan again. */
    public void replan() {
        service.replan();
    }

    public CredentialTest credentialTest() {
        return renewal.renewer()::testAndSave;
    }

    public BrowserLoginSteps browserLogin(BrowserOpener browser) {
        return new RenewalBrowserSteps(renewal.renewer(), service, browser);
    }

    /** The stored credentials as the setup window's fields; empty when there are none. Slow: the keychain. */
    public Map<CredentialField, String> storedFields() throws KeychainException {
        return renewal.renewer().vault().credentials().map(saved -> saved.credentials().toFields()).orElse(Map.of());
    }

    /** Removes the credentials and token from the keychain. Slow: the keychain. */
    public void forget() throws KeychainException {
        renewal.renewer().vault().forget();
        service.replan();
    }

    @Override
    public void close() {
        try {
            scheduler.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
