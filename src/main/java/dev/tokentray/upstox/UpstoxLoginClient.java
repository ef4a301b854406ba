package dev.tokentray.upstox;

import dev.tokentray.token.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Logs in to Upstox with mobile number, TOTP and PIN, and gets an access token. Each call is
 * one login in its own cookie session; it never retries, so a wrong PIN is sent once. It also
 * starts a {@link BrowserLogin} and exchanges the code that one brings back.
 */
public final class UpstoxLoginClient {
    private final UpstoxHosts hosts;
    private final LoginTimeouts timeouts;
    private final Clock clock;

    public UpstoxLoginClient(UpstoxHosts hosts, LoginTimeouts timeouts, Clock clock) {
        this.hosts = hosts;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    /**
     * @throws LoginException classified, with a message that says what to do
     * @throws InterruptedException when the thread is interrupted mid-login (the app is quitting)
     */
    public LoginResult login(UpstoxCredentials credentials, LoginListener listener)
            throws LoginException, InterruptedException {
        try (CookieSession session = new CookieSession(timeouts, clock)) {
            TotpLogin login = new TotpLogin(hosts, session, credentials, listener, clock);
            try {
                return new LoginResult(login.run(), login.timings(), session.clockSkew());
            } catch (StepFailedException e) {
                throw new LoginException(e.failure(), login.timings(), session.clockSkew());
            }
        }
    }

    /**
     * Upstox's approval login: asks Upstox to prompt the trader (the Upstox app, WhatsApp) for a
     * token, with the API secret alone. The token comes later, to the Notifier Webhook.
     *
     * @throws LoginException classified (a rejected API secret is {@link FailureKind#CREDENTIALS})
     */
    public ApprovalRequest requestApproval(UpstoxCredentials credentials) throws LoginException, InterruptedException {
        Instant start = clock.instant();
        try {
            return new TokenRequest(hosts, timeouts, clock).send(credentials);
        } catch (StepFailedException e) {
            throw new LoginException(FailureMessages.withoutBrowserFallback(e.failure()),
                    List.of(new StepTiming(LoginStep.TOKEN_REQUEST, Duration.between(start, clock.instant()))),
                    Optional.empty());
        }
    }

    /** Asks Upstox whether a token still works. */
    public TokenCheck tokenCheck() {
        return new TokenCheck(hosts, timeouts);
    }

    /** A new browser login for these credentials' API key and redirect URI; nothing is sent yet. */
    public BrowserLogin browserLogin(UpstoxCredentials credentials) {
        return BrowserLogin.of(hosts, credentials);
    }

    /**
     * Step 6 alone, for a code the trader's browser login brought back: the same request, the same
     * failure classes and messages as the TOTP login's last step. Sends no PIN and no TOTP.
     *
     * @throws LoginException classified (an invalid or used code is {@link FailureKind#TRANSIENT}:
     *                        a new browser login gets a new one)
     */
    public LoginResult exchange(UpstoxCredentials credentials, AuthorizationCode code, LoginListener listener)
            throws LoginException, InterruptedException {
        try (CookieSession session = new CookieSession(timeouts, clock)) {
            StepRecorder steps = new StepRecorder(listener, clock);
            try {
                AccessToken token = steps.step(LoginStep.TOKEN_EXCHANGE,
                        () -> new TokenExchange(hosts, session, clock).exchange(credentials, code.value()));
                return new LoginResult(token, steps.timings(), session.clockSkew());
            } catch (StepFailedException e) {
                throw new LoginException(
                        FailureMessages.withoutBrowserFallback(e.failure()), steps.timings(), session.clockSkew());
            }
        }
    }
}
