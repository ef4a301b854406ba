package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginResult;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.StoredCredentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gets a profile a valid token: the stored one while it lasts, else a login. Only one login at a
 * time: callers in this process share the one in flight, other processes wait on the
 * {@link LoginLock} and then find the new token in the keychain instead of logging in again.
 * No login happens that the {@link RenewalPolicy} refuses, and each one goes to the history.
 */
public final class Renewer {
    private final ProfileVault vault;
    private final UpstoxLoginClient client;
    private final LoginHistory history;
    private final LoginLock lock;
    private final RenewalPolicy policy;
    private final Supplier<RenewalSettings> settings;
    private final Clock clock;
    private final SingleFlight<Renewal> flight = new SingleFlight<>();

    public Renewer(ProfileVault vault, UpstoxLoginClient client, LoginHistory history, LoginLock lock,
            RenewalPolicy policy, Supplier<RenewalSettings> settings, Clock clock) {
        this.vault = vault;
        this.client = client;
        this.history = history;
        this.lock = lock;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    public ProfileVault vault() {
        return vault;
    }

    /** The stored token while it is usable; else a login (for a script that needs a token now). */
    public AccessToken validToken() throws Exception {
        return renew(Trigger.ON_DEMAND, false, LoginListener.NONE).token();
    }

    /**
     * A token for {@code trigger}: a login, unless the stored token is usable and the trigger is
     * not the trader's own, or another process renewed it meanwhile.
     *
     * <p>Besides the two below, it throws what the keychain ({@link KeychainException},
     * {@link NoCredentialsException}), the lock file ({@link IOException}) and an interrupt throw.
     *
     * @param trigger        any but {@link Trigger#BROWSER}
     * @param retryConfirmed the trader confirmed a login with credentials Upstox rejected before
     * @throws LoginRefusedException     when the policy does not allow a login now
     * @throws LoginException            when the login failed (recorded in the history)
     * @throws NoAutomaticLoginException when only the trader can log in (the account's login method), unless asked by hand
     */
    public Renewal renew(Trigger trigger, boolean retryConfirmed, LoginListener listener) throws Exception {
        if (trigger == Trigger.BROWSER) {
            // It would log in with the PIN and TOTP past every stop: a browser login has its own way in.
            throw new IllegalArgumentException("A browser login is completed with completeBrowserLogin, not renewed");
        }
        Optional<AccessToken> seen = vault.token();
        if (trigger != Trigger.MANUAL && usable(seen)) {
            return new Renewal(seen.get(), Optional.empty());
        }
        return flight.run(() -> {
            try (LoginLock.Held held = lock.acquire(vault.profile())) {
                Optional<AccessToken> stored = vault.token();
                boolean renewedMeanwhile = usable(stored) && !stored.equals(seen);
                if (renewedMeanwhile || (trigger != Trigger.MANUAL && usable(stored))) {
                    return new Renewal(stored.get(), Optional.empty());
                }
                LoginMethod method = settings.get().loginMethod();
                if (trigger != Trigger.MANUAL && method != LoginMethod.TOTP) {
                    throw new NoAutomaticLoginException(vault.profile(), method);
                }
                StoredCredentials credentials = storedCredentials();
                List<Attempt> attempts = history.attempts(vault.profile().name());
                Optional<Refusal> refusal = policy.refusal(
                        trigger, retryConfirmed, clock.instant(), attempts, credentials.revision(), settings.get());
                if (refusal.isPresent()) {
                    throw new LoginRefusedException(refusal.get());
                }
                return login(trigger, credentials, false, () -> client.login(credentials.credentials(), listener));
            }
        });
    }

    /**
     * Logs in with credentials the trader just entered, and stores them, with the token, only
     * when Upstox accepted them: a failed test keeps the old credentials. The attempt goes to the
     * history like any other; a rejection of these untested credentials does not stop the stored ones.
     */
    public Renewal testAndSave(UpstoxCredentials credentials, LoginListener listener) throws Exception {
        StoredCredentials candidate = ProfileVault.newRevision(credentials);
        return flight.run(() -> {
            try (LoginLock.Held held = lock.acquire(vault.profile())) {
                Optional<Refusal> refusal = policy.refusal(Trigger.MANUAL, false, clock.instant(),
                        history.attempts(vault.profile().name()), candidate.revision(), settings.get());
                if (refusal.isPresent()) {
                    throw new LoginRefusedException(refusal.get());
                }
                return login(Trigger.MANUAL, candidate, true, () -> client.login(candidate.credentials(), listener));
            }
        });
    }

    /**
     * Starts a login by Upstox's documented OAuth flow, for the stored credentials' API key and
     * redirect URI: the trader opens {@link BrowserLogin#address()} in the browser, and the code
     * comes back through {@link BrowserLogin#listen} or {@link BrowserLogin#codeFromPastedAddress}.
     * Nothing is sent and nothing locked yet: the trader may take minutes on Upstox's page.
     *
     * @throws NoCredentialsException when the profile has no credentials
     * @throws KeychainException      when the keychain cannot be read
     */
    public BrowserLogin startBrowserLogin() throws KeychainException, NoCredentialsException {
        return client.browserLogin(storedCredentials().credentials());
    }

    /**
     * Exchanges the code a browser login brought back, stores the token like any login's, and
     * records the attempt as {@link Trigger#BROWSER}. No stop of the policy holds it (it sends no
     * PIN or TOTP), but it takes the login lock like every login, so that it never overlaps
     * another. It does not share a login in flight, as {@link #renew} does: the code is its own,
     * and a login that waits on the lock meanwhile finds the new token. A failed exchange keeps
     * the stored token.
     *
     * @param login the login that {@code code} came back to
     * @throws LoginException when Upstox refused the code or could not be reached (recorded in the history)
     * @throws IllegalStateException when the credentials' redirect URI changed since the login started
     */
    public Renewal completeBrowserLogin(BrowserLogin login, AuthorizationCode code, LoginListener listener)
            throws Exception {
        try (LoginLock.Held held = lock.acquire(vault.profile())) {
            StoredCredentials credentials = storedCredentials();
            // Upstox compares the redirect URI of the exchange with the one the code was sent to.
            if (!login.redirectUri().toString().equals(credentials.credentials().redirectUri())) {
                throw new IllegalStateException("The redirect URI in the settings changed during the browser login;"
                        + " start the browser login again.");
            }
            return login(Trigger.BROWSER, credentials, false,
                    () -> client.exchange(credentials.credentials(), code, listener));
        }
    }

    private StoredCredentials storedCredentials() throws KeychainException, NoCredentialsException {
        return vault.credentials().orElseThrow(() -> new NoCredentialsException(vault.profile()));
    }

    /** One of the ways to Upstox's token endpoint: the TOTP login, or a browser login's exchange. */
    @FunctionalInterface
    private interface Login {
        LoginResult run() throws LoginException, InterruptedException;
    }

    private Renewal login(Trigger trigger, StoredCredentials credentials, boolean saveCredentials, Login login)
            throws Exception {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        try {
            LoginResult result = login.run();
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            if (saveCredentials) {
                vault.saveCredentials(credentials); // first: credentials of another account drop the old token
            }
            // The keychain entry is replaced only now, by a token received in full.
            vault.saveToken(result.token());
            Attempt attempt = new Attempt(start, vault.profile().name(), trigger, credentials.revision(), took,
                    result.timings(), Optional.empty(), Optional.of(result.token().expiresAt()), result.clockSkew());
            history.append(attempt);
            return new Renewal(result.token(), Optional.of(attempt));
        } catch (LoginException e) {
            history.append(new Attempt(start, vault.profile().name(), trigger, credentials.revision(),
                    Duration.ofNanos(System.nanoTime() - startNanos), e.timings(), Optional.of(e.failure()),
                    Optional.empty(), e.clockSkew()));
            throw e;
        }
    }

    private boolean usable(Optional<AccessToken> token) {
        return token.filter(t -> t.stateAt(clock.instant()).usable()).isPresent();
    }
}
