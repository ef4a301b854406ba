package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginResult;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import dev.tokentray.vault.Stop;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a profile a valid token: the stored one while it lasts, else a login. Only one login at a
 * time: callers of {@link #renew} in this process share the one in flight, other processes (and
 * {@link #testAndSave}) wait on the {@link LoginLock} and then find the new token in the keychain
 * instead of logging in again. No login happens that the {@link RenewalPolicy} refuses, a
 * rejection becomes a stop of the rejected values ({@link RejectionStops}) before the lock is let
 * go, and each attempt goes to the history, whatever failed. Every way to Upstox's login goes
 * through it: the TOTP login, the setup's test, the browser login's exchange and the approval
 * login's request ({@link ApprovalLogin}). Logins of the app's other accounts are kept apart by
 * the {@link LoginTurnstile} they share.
 */
public final class TokenFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenFetcher.class);
    /** The logins that send the PIN and the TOTP code: the TOTP login, however it was asked for. */
    private static final Set<Trigger> TOTP_LOGINS = EnumSet.of(Trigger.AUTOMATIC, Trigger.ON_DEMAND, Trigger.MANUAL);

    private final ProfileVault vault;
    private final UpstoxLoginClient client;
    private final LoginHistory history;
    private final LoginLock lock;
    private final RenewalPolicy policy;
    private final RejectionStops stops;
    private final Supplier<RenewalSettings> settings;
    private final Clock clock;
    private final LoginTurnstile turnstile;
    private final SingleFlight<FetchedToken> flight = new SingleFlight<>();
    private final SharedLogin shared;

    public TokenFetcher(ProfileVault vault, UpstoxLoginClient client, LoginHistory history, LoginLock lock,
            RenewalPolicy policy, RejectionStops stops, Supplier<RenewalSettings> settings, Clock clock,
            LoginTurnstile turnstile) {
        this(vault, client, history, lock, policy, stops, settings, clock, turnstile, LoginCoordination.ALONE);
    }

    /**
     * @param turnstile    the other accounts of this app, whose logins this one's waits for
     * @param coordination the other machines that renew the account, whose turn {@link #renew} waits for
     */
    public TokenFetcher(ProfileVault vault, UpstoxLoginClient client, LoginHistory history, LoginLock lock,
            RenewalPolicy policy, RejectionStops stops, Supplier<RenewalSettings> settings, Clock clock,
            LoginTurnstile turnstile, LoginCoordination coordination) {
        this.shared = new SharedLogin(coordination, vault, history, stops, clock);
        this.vault = vault;
        this.client = client;
        this.history = history;
        this.lock = lock;
        this.policy = policy;
        this.stops = stops;
        this.settings = settings;
        this.clock = clock;
        this.turnstile = turnstile;
    }

    public ProfileVault vault() {
        return vault;
    }

    /** The stop that holds for these values, if one does: a login with them needs the trader's confirmation of it. */
    public Optional<Stop> stopFor(UpstoxCredentials credentials) throws KeychainException {
        return stops.holding(credentials);
    }

    /**
     * The rejection (its id) that stops the TOTP login with the stored values, if one does: what a
     * confirmed retry of that login names, whatever the schedule shows (it may plan approval
     * requests, which other stops hold, or be off).
     */
    public Optional<String> holdingRejection() throws KeychainException, NoCredentialsException {
        return policy.holdingRejection(history.attempts(vault.profile().name()), stops.holding(storedCredentials()));
    }

    /** The stored token while it is usable; else a login (for a script that needs a token now). */
    public AccessToken validToken() throws LoginException, LoginRefusedException, KeychainException,
            NoCredentialsException, NoAutomaticLoginException, InterruptedException {
        return renew(Trigger.ON_DEMAND, Optional.empty(), LoginListener.NONE).token();
    }

    /**
     * A token for {@code trigger}: a login, unless the stored token is usable and the trigger is
     * not the trader's own, or another process renewed it meanwhile.
     *
     * @param trigger   any but {@link Trigger#BROWSER} and {@link Trigger#APPROVAL}
     * @param confirmed the rejection (its id) the trader confirmed a retry of, as they saw it. It is
     *                  checked under the lock: when another retry was rejected since, nothing is sent;
     *                  when another retry worked since, the token it brought is the answer.
     * @throws LoginRefusedException     when the policy does not allow a login now (or the lock could not be had)
     * @throws LoginException            when the login failed (recorded in the history)
     * @throws KeychainException         when the keychain cannot be read, or cannot store the new token (recorded)
     * @throws NoAutomaticLoginException when only the trader can log in (the account's login method), unless asked by hand
     */
    public FetchedToken renew(Trigger trigger, Optional<String> confirmed, LoginListener listener) throws LoginException,
            LoginRefusedException, KeychainException, NoCredentialsException, NoAutomaticLoginException,
            InterruptedException {
        if (trigger == Trigger.BROWSER || trigger == Trigger.APPROVAL) {
            // It would log in with the PIN and TOTP past every stop: these logins have their own way in.
            throw new IllegalArgumentException("A browser or approval login is not renewed: it has its own way in");
        }
        Optional<AccessToken> seen = vault.token();
        if (trigger != Trigger.MANUAL && usable(seen)) {
            return new FetchedToken(seen.get(), Optional.empty());
        }
        return flight.run(() -> {
            LoginLock.Held held = acquireLock();
            try {
                return shared.around(trigger, seen, () -> renewLocked(trigger, confirmed, seen, listener));
            } finally {
                release(held);
            }
        });
    }

    private FetchedToken renewLocked(Trigger trigger, Optional<String> confirmed, Optional<AccessToken> seen,
            LoginListener listener) throws LoginException, LoginRefusedException, KeychainException,
            NoCredentialsException, NoAutomaticLoginException, InterruptedException {
        Optional<AccessToken> stored = vault.token();
        boolean renewedMeanwhile = usable(stored) && !stored.equals(seen);
        if (renewedMeanwhile || (trigger != Trigger.MANUAL && usable(stored))) {
            return new FetchedToken(stored.get(), Optional.empty());
        }
        LoginMethod method = settings.get().loginMethod();
        if (trigger != Trigger.MANUAL && method != LoginMethod.TOTP) {
            throw new NoAutomaticLoginException(vault.profile(), method);
        }
        UpstoxCredentials credentials = storedCredentials();
        Optional<Stop> stop = stops.holding(credentials);
        List<Attempt> attempts = history.attempts(vault.profile().name());
        if (confirmed.isPresent() && policy.holdingRejection(attempts, stop).isEmpty() && usable(stored)) {
            LOG.info("The rejection of profile '{}' a retry was confirmed for is gone: another login worked", vault.profile());
            return new FetchedToken(stored.get(), Optional.empty());
        }
        refuseUnlessAllowed(trigger, confirmed, attempts, stop);
        return login(trigger, credentials, false, steps -> client.login(credentials, steps), listener);
    }

    /** Throws why a login must not happen now: the history cannot keep it, or the policy refuses it. */
    private void refuseUnlessAllowed(Trigger trigger, Optional<String> confirmed, List<Attempt> attempts,
            Optional<Stop> stop) throws LoginRefusedException {
        Optional<String> historyProblem = trigger == Trigger.AUTOMATIC ? history.problem() : Optional.empty();
        if (historyProblem.isPresent()) {
            throw new LoginRefusedException(new Refusal(FailureKind.TRANSIENT, historyProblem.get()));
        }
        Optional<Refusal> refusal = policy.refusal(trigger, confirmed, clock.instant(), attempts, stop, settings.get());
        if (refusal.isPresent()) {
            throw new LoginRefusedException(refusal.get());
        }
    }

    /** The approval login's own part of a request ({@link ApprovalLogin}), run under the login lock. */
    interface ApprovalRequester {
        /** A request still open, which the schedule takes instead of sending one more. */
        Optional<PendingApproval> open();

        /** Sends the request with these credentials' API key and secret, and notes it as pending. */
        PendingApproval send(UpstoxCredentials credentials) throws LoginException, InterruptedException;
    }

    /**
     * Sends an approval request (Upstox's "Access Token Request") for the stored credentials,
     * under the login lock and the stops that bear on what it sends, the API key and secret: a
     * rejected API key or secret stops it like any rejected value, a rejected PIN or TOTP does not
     * ({@link ApprovalLogin#bearingOnApproval}). A rejection becomes a stop of the values it sent,
     * which the TOTP login meets too; a request Upstox accepted lifts the stops of just those.
     *
     * @param asking    the schedule ({@link Trigger#AUTOMATIC}), which takes a request still open
     *                  instead of sending one more, or the trader ({@link Trigger#MANUAL})
     * @param confirmed the rejection (its id) of these values that the trader confirmed a retry of
     * @throws LoginRefusedException when the policy does not allow it now (or the lock could not be had)
     * @throws LoginException        when Upstox refused the request or could not be reached (recorded in the history)
     */
    PendingApproval requestApproval(Trigger asking, Optional<String> confirmed, ApprovalRequester requester)
            throws LoginException, LoginRefusedException, KeychainException, NoCredentialsException,
            InterruptedException {
        LoginLock.Held held = acquireLock();
        try {
            Optional<PendingApproval> open = requester.open();
            if (asking == Trigger.AUTOMATIC && open.isPresent()) {
                return open.get();
            }
            UpstoxCredentials credentials = storedCredentials();
            refuseUnlessAllowed(asking, confirmed,
                    ApprovalLogin.bearingOnApproval(history.attempts(vault.profile().name())),
                    stops.holding(credentials, ApprovalLogin.SENT));
            Instant start = clock.instant();
            long startNanos = System.nanoTime();
            PendingApproval request;
            try {
                request = requester.send(credentials);
            } catch (LoginException e) {
                throw failed(Trigger.APPROVAL, credentials, start, startNanos, e);
            } catch (RuntimeException e) {
                throw unexpected(Trigger.APPROVAL, start, startNanos, LoginStep.TOKEN_REQUEST, e);
            }
            liftStops(credentials, ApprovalLogin.SENT);
            return request;
        } finally {
            release(held);
        }
    }

    /** What runs under the login lock without logging in: storing an approved request's token. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws KeychainException;
    }

    /** Runs {@code call} under the profile's login lock, so that it never overlaps a login. */
    <T> T underLock(Locked<T> call) throws LoginRefusedException, KeychainException, InterruptedException {
        LoginLock.Held held = acquireLock();
        try {
            return call.run();
        } finally {
            release(held);
        }
    }

    /**
     * Logs in with credentials the trader just entered, and stores them, with the token, only
     * when Upstox accepted them: a failed test keeps the old credentials. It never joins a login
     * in flight, which logs in with other credentials: it waits for the lock, then sends its own.
     * The attempt goes to the history like any other; a rejection stops these values (they are
     * the trader's to confirm next time), not the stored ones.
     *
     * @param confirmed the rejection (its id) of these very values that the trader confirmed a retry of
     */
    public FetchedToken testAndSave(UpstoxCredentials credentials, Optional<String> confirmed, LoginListener listener)
            throws LoginException, LoginRefusedException, KeychainException, InterruptedException {
        LoginLock.Held held = acquireLock();
        try {
            Optional<Stop> stop = stops.holding(credentials);
            List<Attempt> attempts = history.attempts(vault.profile().name());
            boolean storedValues = vault.credentials().filter(credentials::equals).isPresent();
            Optional<Refusal> refusal = policy.refusal(Trigger.MANUAL, confirmed, clock.instant(),
                    storedValues ? attempts : RenewalPolicy.forOtherValues(attempts), stop, settings.get());
            if (refusal.isPresent()) {
                throw new LoginRefusedException(refusal.get());
            }
            return login(Trigger.MANUAL, credentials, true, steps -> client.login(credentials, steps), listener);
        } finally {
            release(held);
        }
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
        return client.browserLogin(storedCredentials());
    }

    /**
     * Exchanges the code a browser login brought back, stores the token like any login's, and
     * records the attempt as {@link Trigger#BROWSER}. No stop of the policy holds it (it sends no
     * PIN or TOTP), and it neither makes nor lifts one, but it takes the login lock like every
     * login, so that it never overlaps another. It does not share a login in flight, as {@link
     * #renew} does: the code is its own, and a login that waits on the lock meanwhile finds the new
     * token. A failed exchange keeps the stored token.
     *
     * @param login the login that {@code code} came back to
     * @throws LoginException when Upstox refused the code or could not be reached (recorded in the history)
     * @throws IllegalStateException when the credentials' redirect URI changed since the login started
     */
    public FetchedToken completeBrowserLogin(BrowserLogin login, AuthorizationCode code, LoginListener listener)
            throws LoginException, LoginRefusedException, KeychainException, NoCredentialsException,
            InterruptedException {
        LoginLock.Held held = acquireLock();
        try {
            UpstoxCredentials credentials = storedCredentials();
            // Upstox compares the redirect URI of the exchange with the one the code was sent to.
            if (!login.redirectUri().toString().equals(credentials.redirectUri())) {
                throw new IllegalStateException("The redirect URI in the settings changed during the browser login;"
                        + " start the browser login again.");
            }
            return login(Trigger.BROWSER, credentials, false, steps -> client.exchange(credentials, code, steps), listener);
        } finally {
            release(held);
        }
    }

    private UpstoxCredentials storedCredentials() throws KeychainException, NoCredentialsException {
        return vault.credentials().orElseThrow(() -> new NoCredentialsException(vault.profile()));
    }

    private LoginLock.Held acquireLock() throws LoginRefusedException, InterruptedException {
        try {
            return lock.acquire(vault.profile());
        } catch (IOException e) {
            throw new LoginRefusedException(new Refusal(FailureKind.TRANSIENT,
                    "The login lock in the app's state folder cannot be taken: " + e.getMessage()));
        }
    }

    private static void release(LoginLock.Held held) {
        try {
            held.close();
        } catch (IOException e) {
            LOG.warn("Releasing the login lock failed (the OS releases it when the process ends): {}", e.getMessage());
        }
    }

    /** One of the ways to Upstox's token endpoint: the TOTP login, or a browser login's exchange. */
    @FunctionalInterface
    private interface Login {
        LoginResult run(LoginListener steps) throws LoginException, InterruptedException;
    }

    /** A login when its turn comes: its time and duration are its own, without the wait for the turn. */
    private FetchedToken login(Trigger trigger, UpstoxCredentials credentials, boolean saveCredentials, Login login,
            LoginListener listener) throws LoginException, KeychainException, InterruptedException {
        try (LoginTurnstile.Turn turn = turnstile.enter()) {
            return loginNow(trigger, credentials, saveCredentials, login, listener);
        }
    }

    private FetchedToken loginNow(Trigger trigger, UpstoxCredentials credentials, boolean saveCredentials, Login login,
            LoginListener listener) throws LoginException, KeychainException, InterruptedException {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        StepTracker steps = new StepTracker(listener);
        LoginResult result;
        try {
            result = login.run(steps);
        } catch (LoginException e) {
            throw failed(trigger, credentials, start, startNanos, e);
        } catch (RuntimeException e) {
            throw unexpected(trigger, start, startNanos, steps.current, e);
        }
        try {
            if (saveCredentials) {
                vault.saveCredentials(credentials); // first: credentials of another account drop the old token
            }
            // The keychain entry is replaced only now, by a token received in full.
            vault.saveToken(result.token());
        } catch (KeychainException e) {
            LoginFailure failure = new LoginFailure(FailureKind.TRANSIENT, LoginStep.TOKEN_EXCHANGE,
                    "Upstox gave a new token, but the keychain did not store it: " + e.getMessage(), Optional.empty(),
                    Optional.empty());
            history.append(new Attempt(start, vault.profile().name(), trigger, since(startNanos), result.timings(),
                    Optional.of(failure), Optional.empty(), result.clockSkew(), Optional.empty()));
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(trigger, start, startNanos, LoginStep.TOKEN_EXCHANGE, e);
        }
        if (trigger != Trigger.BROWSER) {
            liftStops(credentials, EnumSet.allOf(CredentialField.class));
        }
        Attempt attempt = new Attempt(start, vault.profile().name(), trigger, since(startNanos), result.timings(),
                Optional.empty(), Optional.of(result.token().expiresAt()), result.clockSkew(), Optional.empty());
        history.append(attempt);
        return new FetchedToken(result.token(), Optional.of(attempt));
    }

    /** Records a failed login, and a rejection as a stop of the values it sent (a browser login sends none of the app's). */
    private LoginException failed(Trigger trigger, UpstoxCredentials credentials, Instant start, long startNanos,
            LoginException thrown) {
        LoginException e = unansweredAgain(trigger, thrown);
        Set<CredentialField> sent = trigger == Trigger.APPROVAL ? ApprovalLogin.SENT : EnumSet.allOf(CredentialField.class);
        Optional<String> stopId = e.failure().kind() == FailureKind.CREDENTIALS && trigger != Trigger.BROWSER
                ? recordStop(credentials, sent, e.failure()) : Optional.empty();
        history.append(new Attempt(start, vault.profile().name(), trigger, since(startNanos), e.timings(),
                Optional.of(e.failure()), Optional.empty(), e.clockSkew(), stopId));
        return e;
    }

    /**
     * A fault after the PIN or TOTP code was sent, when the profile's previous TOTP login ended the
     * same way at the same step, becomes an unclear rejection, which stops that value: Upstox may
     * have checked it and turned it down both times, with both answers lost on the way. So at most
     * two such sends, of the five wrong tries that lock an account, happen before the trader
     * confirms; a single lost answer is retried like any network fault.
     */
    private LoginException unansweredAgain(Trigger trigger, LoginException e) {
        if (!TOTP_LOGINS.contains(trigger) || !e.failure().unansweredSecret()) {
            return e;
        }
        boolean again = history.attempts(vault.profile().name()).reversed().stream()
                .filter(attempt -> TOTP_LOGINS.contains(attempt.trigger()))
                .findFirst()
                .flatMap(Attempt::failure)
                .filter(previous -> previous.unansweredSecret() && previous.step() == e.failure().step())
                .isPresent();
        return again ? new LoginException(e.failure().unansweredAgain(), e.timings(), e.clockSkew()) : e;
    }

    /** Keeps the rejection as a stop in the keychain; when that fails, the history's record of it stops the login. */
    private Optional<String> recordStop(UpstoxCredentials credentials, Set<CredentialField> sent,
            LoginFailure failure) {
        try {
            return Optional.of(stops.record(credentials, sent, failure).id());
        } catch (KeychainException | IOException | LoginRefusedException e) {
            LOG.error("Could not keep Upstox's rejection in the keychain ({}); the login history stops these"
                    + " credentials until the trader confirms a retry", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Stopped before Upstox's rejection was kept in the keychain; the login history stops these"
                    + " credentials until the trader confirms a retry");
        }
        return Optional.empty();
    }

    /** After a login that sent {@code sent}: the stops it proved wrong go ({@link RejectionStops#lift}). */
    private void liftStops(UpstoxCredentials credentials, Set<CredentialField> sent) {
        try {
            stops.lift(credentials, sent);
        } catch (KeychainException | IOException | LoginRefusedException e) {
            LOG.warn("The login worked, but the stops of its account could not be removed ({}); they stay, which"
                    + " only asks the trader to confirm once more", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A failure that is no login failure (a bug, a broken library): recorded like a network fault,
     * so that the schedule backs off instead of trying again at once, and logged without its
     * message, which may quote a secret. The exception thrown in its place carries nothing of it.
     */
    private LoginException unexpected(Trigger trigger, Instant start, long startNanos, LoginStep step,
            RuntimeException e) {
        LOG.error("The login of profile '{}' failed unexpectedly at {}: {}", vault.profile(), step,
                UnexpectedFailure.describe(e));
        LoginFailure failure = new LoginFailure(FailureKind.TRANSIENT, step, "The login failed unexpectedly at "
                + step + " (" + e.getClass().getSimpleName() + "). The app tries again later, as after a network"
                + " fault; the log file has the details.", Optional.empty(), Optional.empty());
        history.append(new Attempt(start, vault.profile().name(), trigger, since(startNanos), List.<StepTiming>of(),
                Optional.of(failure), Optional.empty(), Optional.empty(), Optional.empty()));
        return new LoginException(failure, List.of(), Optional.empty());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private boolean usable(Optional<AccessToken> token) {
        return token.filter(t -> t.stateAt(clock.instant()).usable()).isPresent();
    }

    /** Passes each step on, and remembers which one a login is at. */
    private static final class StepTracker implements LoginListener {
        private final LoginListener listener;
        private volatile LoginStep current = LoginStep.DIALOG;

        StepTracker(LoginListener listener) {
            this.listener = listener;
        }

        @Override
        public void stepStarted(LoginStep step) {
            current = step;
            listener.stepStarted(step);
        }
    }
}
