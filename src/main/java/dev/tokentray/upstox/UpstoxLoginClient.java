package dev.tokentray.upstox;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in to Upstox with mobile number, TOTP and PIN, and gets an access token. Each call is
 * one login in its own cookie session; it never retries, so a wrong PIN is sent once.
 */
public final class UpstoxLoginClient {
    private static final Logger LOG = LoggerFactory.getLogger(UpstoxLoginClient.class);

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
        long start = System.nanoTime();
        try (LoginSession session = new LoginSession(timeouts, clock)) {
            TotpLogin login = new TotpLogin(hosts, session, credentials, listener, clock);
            try {
                LoginResult result = new LoginResult(login.run(), login.timings(), session.clockSkew());
                LOG.info("Login succeeded in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
                return result;
            } catch (StepFailedException e) {
                LOG.warn("Login failed ({}): {}", e.failure().kind(), e.failure().message());
                throw new LoginException(e.failure(), login.timings(), session.clockSkew());
            }
        }
    }
}
