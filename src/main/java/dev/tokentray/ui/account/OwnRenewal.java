package dev.tokentray.ui.account;

import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.PendingApproval;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSchedule;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.ui.browser.BrowserLoginSteps;
import dev.tokentray.ui.browser.RenewalBrowserSteps;
import dev.tokentray.ui.setup.CredentialTest;
import dev.tokentray.ui.setup.SetupStart;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An account whose token the app renews itself: its renewal service on a thread of its own (so
 * that one account's slow login never holds up another's state), and what the trader can do with
 * it: renew now, log in with the browser, request an approval, test new credentials, forget them.
 */
public final class OwnRenewal implements TokenSource {
    private final RenewalWiring renewal;
    private final ThreadScheduler scheduler;
    private final RenewalSchedule service;

    public OwnRenewal(RenewalWiring renewal) {
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
    public Optional<RedisSource> followed() {
        return Optional.empty();
    }

    @Override
    public List<Attempt> attempts() {
        return renewal.history().attempts(renewal.renewer().vault().profile().name());
    }

    /**
     * A login now; values Upstox rejected only when the trader confirmed a retry of that rejection
     * ({@code confirmed}, the id they were shown).
     */
    public void renewNow(Optional<String> confirmed) {
        service.renewNow(confirmed);
    }

    /**
     * Sends Upstox's approval request now, under the stops like every login: an API key or secret
     * Upstox rejected only when the trader confirmed a retry of that rejection ({@code confirmed}).
     * The future completes with the request, or with why none went out, on the renewal's thread.
     */
    public CompletableFuture<PendingApproval> requestApproval(Optional<String> confirmed) {
        return service.requestApproval(confirmed);
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

    /**
     * What the setup window starts from: the stored credentials (their secrets in no field) and the
     * stop that holds for them; empty when there are none. Slow: the keychain.
     */
    public SetupStart setupStart() throws KeychainException {
        Optional<UpstoxCredentials> stored = renewal.renewer().vault().credentials();
        return stored.isEmpty() ? SetupStart.empty()
                : SetupStart.editing(stored.get(), renewal.renewer().stopFor(stored.get()));
    }

    /** Removes the credentials and token from the keychain. Slow: the keychain. */
    public void forget() throws KeychainException {
        renewal.renewer().vault().forget();
        service.replan();
    }

    @Override
    public void close() {
        service.close();
        try {
            scheduler.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
