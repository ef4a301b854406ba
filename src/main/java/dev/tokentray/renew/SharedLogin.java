package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login of the {@link TokenFetcher} among the machines that renew the same account
 * ({@link LoginCoordination}): it waits for its turn, takes a token another machine renewed
 * instead of logging in, and before it logs in heeds every rejection and wait the others met, by
 * making them its own (a stop in the keychain, an attempt in the history), so that the
 * {@link RenewalPolicy} refuses here what it refused there. What its own login met is shared before
 * the turn passes on, so the next machine to lead finds it.
 *
 * <p>When the machines cannot agree (their Redis is down), no login happens: a machine alone cannot
 * know whether another was just refused the PIN it would send. The attempt is recorded as a fault,
 * so that the schedule backs off and tries again.
 */
final class SharedLogin {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLogin.class);

    /** The login that runs when this machine leads. */
    @FunctionalInterface
    interface Login {
        FetchedToken run() throws LoginException, LoginRefusedException, KeychainException, NoCredentialsException,
                NoAutomaticLoginException, InterruptedException;
    }

    private final LoginCoordination coordination;
    private final ProfileVault vault;
    private final LoginHistory history;
    private final RejectionStops stops;
    private final Clock clock;

    SharedLogin(LoginCoordination coordination, ProfileVault vault, LoginHistory history, RejectionStops stops,
            Clock clock) {
        this.coordination = coordination;
        this.vault = vault;
        this.history = history;
        this.stops = stops;
        this.clock = clock;
    }

    /**
     * Runs {@code login} when this machine leads, else takes the token another machine left.
     *
     * @param seen the token stored here when the renewal began; one the same is no news
     */
    FetchedToken around(Trigger trigger, Optional<AccessToken> seen, Login login) throws LoginException,
            LoginRefusedException, KeychainException, NoCredentialsException, NoAutomaticLoginException,
            InterruptedException {
        // The user id names the account in Redis; a profile that never had a token has none yet (setup tests
        // the login, so this is a profile set up with --no-test, which logs in alone once).
        Optional<String> account = seen.map(AccessToken::userId).filter(id -> !id.isBlank());
        if (coordination == LoginCoordination.ALONE || account.isEmpty()) {
            return login.run();
        }
        Predicate<AccessToken> fresh = token -> token.stateAt(clock.instant()).usable()
                && seen.filter(old -> old.value().equals(token.value())).isEmpty();
        try {
            LoginCoordination.Turn turn = coordination.awaitTurn(account.get(), fresh);
            if (turn instanceof LoginCoordination.Taken taken) {
                return take(taken.token());
            }
            try (LoginCoordination.Lead lead = (LoginCoordination.Lead) turn) {
                Optional<AccessToken> meanwhile = lead.token().filter(fresh);
                if (meanwhile.isPresent()) {
                    return take(meanwhile.get());
                }
                heed(lead);
                return led(lead, login);
            }
        } catch (CoordinationException e) {
            LOG.warn("No login of profile '{}': {}", vault.profile(), e.getMessage());
            LoginFailure failure = new LoginFailure(FailureKind.TRANSIENT, LoginStep.DIALOG, e.getMessage()
                    + " No machine logs in without it, so that none sends a value another was refused; the token"
                    + " in the keychain serves until it expires, and the app tries again later.", Optional.empty(),
                    Optional.empty());
            record(trigger, Optional.of(failure), Optional.empty(), Optional.empty());
            throw new LoginException(failure, List.of(), Optional.empty());
        }
    }

    private FetchedToken led(LoginCoordination.Lead lead, Login login) throws LoginException, LoginRefusedException,
            KeychainException, NoCredentialsException, NoAutomaticLoginException, InterruptedException,
            CoordinationException {
        FetchedToken renewal;
        try {
            renewal = login.run();
        } catch (LoginException e) {
            share(lead, e.failure());
            throw e;
        }
        boolean news = lead.token().filter(shared -> shared.value().equals(renewal.token().value())).isEmpty();
        if (news) {
            try {
                lead.renewed(renewal.token(), vault.profile().name(), renewal.login().map(Attempt::trigger));
            } catch (CoordinationException e) {
                // The token is good here; the others cannot lead without Redis either, so none logs in meanwhile.
                LOG.warn("The new token of profile '{}' did not reach the other machines: {}", vault.profile(),
                        e.getMessage());
            }
        }
        return renewal;
    }

    /** Makes the other machines' rejections and waits this machine's own, once each. */
    private void heed(LoginCoordination.Lead lead) throws CoordinationException, KeychainException,
            InterruptedException {
        List<Attempt> attempts = history.attempts(vault.profile().name());
        Optional<UpstoxCredentials> credentials = vault.credentials();
        for (SharedStop shared : lead.stops()) {
            boolean known = attempts.stream().anyMatch(a -> a.stopId().equals(Optional.of(shared.id()))
                    || (a.rejected() && a.stopId().isEmpty() && RenewalPolicy.unsavedId(a).equals(shared.id())));
            if (!known && credentials.isPresent()) {
                LOG.warn("Profile '{}' takes a rejection another machine met as its own: {}", vault.profile(),
                        shared.failure().message());
                record(Trigger.REDIS, Optional.of(shared.failure()), adopt(credentials.get(), shared), Optional.empty());
            }
        }
        Optional<LoginCoordination.SharedWait> wait = lead.noLoginBefore();
        Instant now = clock.instant();
        if (wait.isPresent() && wait.get().until().isAfter(now) && !waitsAlready(attempts, wait.get().until())) {
            LOG.warn("Profile '{}' waits as Upstox asked another machine to, until {}", vault.profile(),
                    wait.get().until());
            record(Trigger.REDIS, Optional.of(new LoginFailure(FailureKind.RATE_LIMITED, wait.get().step(), wait.get().message(),
                    Optional.empty(), Optional.of(Duration.between(now, wait.get().until())))), Optional.empty(),
                    Optional.empty());
        }
    }

    /** The adopted stop's id, or none when the keychain would not keep it: then the history's record stops the values. */
    private Optional<String> adopt(UpstoxCredentials credentials, SharedStop shared) throws InterruptedException {
        try {
            return Optional.of(stops.adopt(credentials, shared).id());
        } catch (KeychainException | IOException | LoginRefusedException e) {
            LOG.error("Could not keep another machine's rejection in the keychain ({}); the login history stops"
                    + " these credentials until the trader confirms a retry", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean waitsAlready(List<Attempt> attempts, Instant until) {
        return !attempts.isEmpty() && attempts.getLast().failedWith(FailureKind.RATE_LIMITED)
                && !attempts.getLast().time().plus(attempts.getLast().failure().orElseThrow().retryAfter()
                        .orElse(Duration.ZERO)).isBefore(until);
    }

    /** Tells the other machines what this machine's login met: a rejection, or a wait. */
    private void share(LoginCoordination.Lead lead, LoginFailure failure) {
        try {
            if (failure.kind() == FailureKind.CREDENTIALS) {
                Optional<Attempt> rejected = history.last(vault.profile().name()).filter(Attempt::rejected);
                if (rejected.isPresent()) {
                    lead.stopped(new SharedStop(rejected.get().stopId().orElse(RenewalPolicy.unsavedId(rejected.get())),
                            failure, rejected.get().time()));
                }
            } else if (failure.kind() == FailureKind.RATE_LIMITED && failure.retryAfter().isPresent()) {
                lead.mustWait(new LoginCoordination.SharedWait(clock.instant().plus(failure.retryAfter().get()),
                        failure.step(), failure.message()));
            }
        } catch (CoordinationException e) {
            LOG.error("The other machines could not be told what Upstox answered ({}): {}", failure.summary(),
                    e.getMessage());
        }
    }

    /** Stores the token another machine renewed, and records where it came from: no login of this machine's. */
    private FetchedToken take(AccessToken token) throws KeychainException {
        vault.saveToken(token);
        Attempt attempt = record(Trigger.REDIS, Optional.empty(), Optional.empty(), Optional.of(token.expiresAt()));
        return new FetchedToken(token, Optional.of(attempt));
    }

    private Attempt record(Trigger trigger, Optional<LoginFailure> failure, Optional<String> stopId,
            Optional<Instant> expiresAt) {
        Attempt attempt = new Attempt(clock.instant(), vault.profile().name(), trigger, Duration.ZERO,
                List.<StepTiming>of(), failure, expiresAt, Optional.empty(), stopId);
        history.append(attempt);
        return attempt;
    }
}
