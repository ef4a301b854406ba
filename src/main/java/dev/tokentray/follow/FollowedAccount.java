package dev.tokentray.follow;

import dev.tokentray.redis.RedisConnector;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * An account the app follows in Redis, as the screens see any account: a {@link RenewalSnapshot} at
 * each read (its token; what renews it, as the plan's note; why Redis cannot be read now, as the
 * state's problem) and a {@link RenewalEvent.Renewed} for each new token, so that the countdown,
 * Copy and the notifications work as for an account the app renews. Each new token is recorded in
 * the history as taken from Redis ({@link Trigger.REDIS}). It never logs in, and holds no
 * credentials: "Renew now" asks the renewer ({@link #requestRenewal}).
 */
public final class FollowedAccount implements AutoCloseable {
    private final Profile profile;
    private final FollowedRedis tokens;
    private final LoginHistory history;
    private final Clock clock;
    private final RedisFollower follower;
    private final List<RenewalListener> listeners = new CopyOnWriteArrayList<>();
    // The follower's thread only.
    private Optional<AccessToken> last = Optional.empty();
    private boolean readOnce;

    public FollowedAccount(Profile profile, FollowedRedis tokens, RedisConnector connector, LoginHistory history,
            Clock clock, ThreadFactory threads, Scheduler scheduler) {
        this.profile = profile;
        this.tokens = tokens;
        this.history = history;
        this.clock = clock;
        this.follower = new RedisFollower(tokens, connector, new RedisFollower.Listener() {
            @Override
            public void read(Optional<AccessToken> token) {
                took(token);
            }

            @Override
            public void unreachable(String why, Duration retryIn) {
                tell(state(Optional.of(why + " Trying again in " + retryIn.toSeconds() + " s.")));
            }
        }, threads, scheduler);
    }

    public Profile profile() {
        return profile;
    }

    public RedisFollow follow() {
        return tokens.follow();
    }

    public void addListener(RenewalListener listener) {
        listeners.add(listener);
    }

    public void start() {
        follower.start();
    }

    /**
     * Asks the renewer for a new token; slow (a connection), never on the UI thread.
     *
     * @return how many renewers heard it: 0 when none listens
     */
    public long requestRenewal() throws FollowException, KeychainException {
        return tokens.requestRenewal();
    }

    /** The account's history: the tokens taken from Redis. Slow (a file). */
    public List<Attempt> attempts() {
        return history.attempts(profile.name());
    }

    private void took(Optional<AccessToken> token) {
        boolean renewed = token.isPresent() && !token.map(AccessToken::value).equals(last.map(AccessToken::value));
        last = token;
        // A token other than the last one read is new; the first read may find one recorded before a restart.
        if (renewed && (readOnce || !recorded(token.get()))) {
            history.append(new Attempt(clock.instant(), profile.name(), Trigger.REDIS, Duration.ZERO, List.of(),
                    Optional.empty(), Optional.of(token.get().expiresAt()), Optional.empty(), Optional.empty()));
        }
        RenewalSnapshot state = state(Optional.empty());
        tell(state);
        if (renewed && readOnce) { // the first read is the account as it stands, not a renewal
            state.lastRenewal().ifPresent(attempt -> listeners.forEach(l -> l.event(new RenewalEvent.Renewed(attempt,
                    token.get()))));
        }
        readOnce = true;
    }

    /**
     * Whether the history has this token already, recorded before the app restarted: its last entry
     * has the token's expiry, and was written after the token was issued. The expiry alone would
     * not do: every token of a day expires at 03:30 IST.
     */
    private boolean recorded(AccessToken token) {
        return history.last(profile.name())
                .filter(attempt -> attempt.tokenExpiresAt().equals(Optional.of(token.expiresAt())))
                .filter(attempt -> !attempt.time().isBefore(token.issuedAt()))
                .isPresent();
    }

    private RenewalSnapshot state(Optional<String> problem) {
        Optional<Attempt> lastAttempt = history.last(profile.name());
        String source = "Renewed by another machine, taken from Redis; Renew now asks it";
        Plan plan = last.<Plan>map(token -> new Plan.WaitForExpiry(token.expiresAt(), token.expiresAt(),
                        Optional.of(source)))
                .orElseGet(() -> new Plan.Stopped("Redis has no token of " + tokens.follow().userId() + ": the machine"
                        + " that renews it has not put one there, or it expired. Renew now asks it for one.",
                        Optional.empty()));
        return new RenewalSnapshot(profile, last, plan, lastAttempt, lastAttempt.filter(Attempt::succeeded), false,
                Optional.empty(), problem, Optional.empty(), clock.instant());
    }

    private void tell(RenewalSnapshot state) {
        listeners.forEach(listener -> listener.stateChanged(state));
    }

    @Override
    public void close() {
        follower.close();
    }
}
