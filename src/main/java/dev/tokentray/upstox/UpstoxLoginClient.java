package dev.tokentray.upstox;

import java.time.Clock;

/**
 * Logs in to Upstox with mobile number, TOTP and PIN, and gets an access token. Each call is
 * one login in its own cookie session; it never retries, so a wrong PIN is sent once.
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
        try (LoginSession session = new LoginSession(timeouts, clock)) {
            TotpLogin login = new TotpLogin(hosts, session, credentials, listener, clock);
            try {
                return new LoginResult(login.run(), login.timings(), session.clockSkew());
            } catch (StepFailedException e) {
                throw new LoginException(e.failure(), login.timings(), session.clockSkew());
            }
        }
    }
}
