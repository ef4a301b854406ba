package dev.tokentray.ui.account;

import dev.tokentray.accounts.Account;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenState;
import dev.tokentray.vault.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account of the desktop app: where its token comes from, its state for the screens (an
 * {@link AccountSnapshot}, made anew at each state of its source, on the source's thread), and what
 * the trader can do with it. Nothing of one account's trouble reaches another's controller.
 */
public final class AccountController {
    private static final Logger LOG = LoggerFactory.getLogger(AccountController.class);

    private final TokenSource source;
    private final Runnable changed;
    private volatile Account account;
    private volatile Optional<AccountSnapshot> snapshot = Optional.empty();
    // The source's thread only: the history is read again when a new attempt shows in the state.
    private Optional<Attempt> historyReadAt = Optional.empty();
    private List<Attempt> attempts;

    /**
     * @param source  makes the account's token source, which reads the account (its renewal
     *                settings, as the trader changes them) from here
     * @param changed hears each new snapshot, on the source's thread
     */
    public AccountController(Account account, Function<Supplier<Account>, TokenSource> source, Runnable changed) {
        this.account = Objects.requireNonNull(account, "account");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.source = source.apply(this::account);
    }

    /** Listens to its source and starts it: the first state follows on the source's thread. */
    public void start() {
        source.addListener(new RenewalListener() {
            @Override
            public void stateChanged(RenewalSnapshot state) {
                show(state);
            }
        });
        source.start();
    }

    private void show(RenewalSnapshot state) {
        if (attempts == null || !state.lastAttempt().equals(historyReadAt)) {
            try {
                attempts = source.attempts();
                historyReadAt = state.lastAttempt();
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the login history of profile '{}': {}", profile(), e.getMessage());
                attempts = attempts == null ? List.of() : attempts;
            }
        }
        snapshot = Optional.of(new AccountSnapshot(account, state, attempts, source.ownRenewal().isPresent()));
        changed.run();
    }

    public Account account() {
        return account;
    }

    public Profile profile() {
        return account.profile();
    }

    /** What the trader calls it: its label, else its Upstox name once known, else its profile's name. */
    public String name() {
        return snapshot.map(AccountSnapshot::name)
                .orElse(account.label().isEmpty() ? account.profile().name() : account.label());
    }

    /** Hears the account's renewal too (the notifications); before {@link #start}. */
    public void addListener(RenewalListener listener) {
        source.addListener(listener);
    }

    /** A new label or new renewal settings: the screens show it at once, the renewal plans with it. */
    public void update(Account next) {
        if (!next.profile().equals(profile())) {
            throw new IllegalArgumentException("Another account's settings: " + next.profile());
        }
        account = next;
        snapshot.ifPresent(current -> {
            snapshot = Optional.of(new AccountSnapshot(next, current.state(), current.attempts(), current.renews()));
            changed.run();
        });
        source.ownRenewal().ifPresent(OwnRenewal::replan);
    }

    /** The account as last seen; empty until its source read the keychain the first time. */
    public Optional<AccountSnapshot> snapshot() {
        return snapshot;
    }

    public Optional<OwnRenewal> ownRenewal() {
        return source.ownRenewal();
    }

    /** The account another machine renews, when this one follows it in Redis: its Renew now asks that machine. */
    public Optional<RedisSource> followed() {
        return source.followed();
    }

    /** The token, while it can be used. */
    public Optional<Secret> usableToken(Instant now) {
        return snapshot.flatMap(s -> s.state().token())
                .filter(token -> TokenState.of(token, now).usable())
                .map(AccessToken::value);
    }

    /** Upstox rejected the stored credentials: Renew now does not send them again unasked. */
    public boolean credentialsRejected() {
        return snapshot.map(s -> s.state().credentialsRejected()).orElse(false);
    }

    /**
     * Renew now: a login, unless Upstox rejected these credentials (then only {@link #retryRejected}
     * after the trader confirmed, since each wrong try counts towards Upstox's lock).
     *
     * @return false when it did not log in for that reason
     */
    public boolean renewNow() {
        if (credentialsRejected()) {
            return false;
        }
        source.ownRenewal().ifPresent(own -> own.renewNow(Optional.empty()));
        return source.ownRenewal().isPresent();
    }

    /** The rejection that stops the account's renewal, as last seen: what a confirmed retry answers. */
    public Optional<Plan.Stopped> rejection() {
        return snapshot.map(s -> s.state().plan()).filter(Plan.Stopped.class::isInstance).map(Plan.Stopped.class::cast)
                .filter(stopped -> stopped.rejectionId().isPresent());
    }

    /**
     * The trader confirmed one more try of the values Upstox rejected, as {@code rejection} told of
     * it: one login, and none when another retry was rejected since.
     */
    public void retryRejected(Plan.Stopped rejection) {
        source.ownRenewal().ifPresent(own -> own.renewNow(rejection.rejectionId()));
    }

    public void close() {
        source.close();
    }
}
