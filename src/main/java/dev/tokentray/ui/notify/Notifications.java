package dev.tokentray.ui.notify;

import dev.tokentray.output.OutputFailure;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.vault.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the trader is told, and when: turns each account's renewal events and states into
 * notifications, keeps to the kinds switched on in the settings, and does not repeat a kind of
 * an account within {@link #QUIET_PERIOD}. With several accounts each notification names its
 * account, and tokens renewed close together make one ("3 tokens renewed"); a failure is always
 * its own. Each goes to the first {@link Notifier} that is available and shows it, and an alert
 * that no longer holds is taken back (an account's new token ends its "no valid token" alerts).
 *
 * <p>It hears the accounts' renewals on their threads and decides under its lock; showing runs on
 * the {@code delivery} executor, so that a slow desktop never holds up a renewal.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    /** A failing login retries within seconds: one notification of a kind per five minutes is enough. */
    public static final Duration QUIET_PERIOD = Duration.ofMinutes(5);
    /** How long before an expiry with no renewal after it the trader is warned. */
    public static final Duration EXPIRY_WARNING = Duration.ofMinutes(30);
    /**
     * A renewal waits this long for another account's before it is told: more than the gap
     * between two accounts' logins and a login, so that a morning's renewals make one notification.
     */
    public static final Duration RENEWALS_SETTLE = Duration.ofSeconds(10);
    /** Renewals are gathered for a minute at most. */
    public static final Duration RENEWALS_GATHERED = Duration.ofMinutes(1);
    /** The alerts an account's new token takes back: they said there is none, or none to come, or asked for one. */
    private static final Set<NotificationKind> ENDED_BY_A_NEW_TOKEN = EnumSet.of(NotificationKind.NOT_READY,
            NotificationKind.EXPIRES_UNRENEWED, NotificationKind.FAILED, NotificationKind.TOKEN_REVOKED,
            NotificationKind.APPROVAL_REQUESTED);

    /** A kind of notification of an account (none for what concerns the whole app: the keychain, the clock). */
    private record Key(NotificationKind kind, Optional<Profile> account) {}

    /** A renewal waiting to be told. */
    private record Renewed(Profile account, String name, Optional<Instant> expiry) {}

    private final List<Notifier> notifiers;
    private final Supplier<UiSettings> settings;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor delivery;
    private final Duration expiryWarning;
    private final IntSupplier accounts;
    private final Map<Key, Instant> lastSent = new HashMap<>();
    /** Each account's watch, for its name. */
    private final Map<Profile, AccountWatch> watches = new HashMap<>();
    private final List<Renewed> renewed = new ArrayList<>();
    private Instant gatheringSince;
    private Scheduler.Cancellable tellRenewed = () -> {};

    /**
     * @param notifiers     the ways to show, best first ({@link #notifiersFor})
     * @param scheduler     wakes it for the expiry warning and the gathered renewals
     * @param expiryWarning {@link #EXPIRY_WARNING}; shorter in demo mode, whose tokens live minutes
     * @param accounts      how many accounts the app has now: with one, nothing names it
     */
    public Notifications(List<Notifier> notifiers, Supplier<UiSettings> settings, Clock clock, Scheduler scheduler,
            Executor delivery, Duration expiryWarning, IntSupplier accounts) {
        this.notifiers = List.copyOf(notifiers);
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.delivery = delivery;
        this.expiryWarning = expiryWarning;
        this.accounts = accounts;
    }

    /**
     * The ways to show a notification on this OS, best first: the desktop's own, then the app's
     * popup. Only the ones that fit the OS are made (no D-Bus connection on Windows).
     */
    public static List<Notifier> notifiersFor(String osName, Supplier<Notifier> freedesktop,
            Supplier<Notifier> trayBalloon, Notifier inApp) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean ownNotifications = os.startsWith("windows") || os.startsWith("mac");
        return List.of(ownNotifications ? trayBalloon.get() : freedesktop.get(), inApp);
    }

    /**
     * What hears one account's renewal.
     *
     * @param name the account's name as the trader knows it, asked each time (it can be relabelled)
     */
    public RenewalListener listenerFor(Profile account, Supplier<String> name) {
        return watch(account, name, false);
    }

    /**
     * What hears an account followed from Redis: its token's source is that Redis, not the
     * keychain, so a source it cannot read is told as the account's Redis problem.
     */
    public RenewalListener followerFor(Profile account, Supplier<String> name) {
        return watch(account, name, true);
    }

    private synchronized RenewalListener watch(Profile account, Supplier<String> name, boolean followed) {
        AccountWatch watch = new AccountWatch(account, name, followed);
        watches.put(account, watch);
        return watch;
    }

    /** One account's events and states; its own memory of a locked keychain and of the expiry it warned of. */
    private final class AccountWatch implements RenewalListener {
        private final Profile account;
        private final Supplier<String> name;
        /** Its token comes from Redis, which {@link RenewalSnapshot#keychainProblem()} then speaks of. */
        private final boolean followed;
        private boolean keychainProblem;
        /** The rejection last told of, so that each is told once, however often the state is read. */
        private Optional<String> rejectionToldOf = Optional.empty();
        /** The expiry of the usable token of the last state, to tell a new token from the same one. */
        private Optional<Instant> usableTokenExpiry = Optional.empty();
        private Scheduler.Cancellable expiryAlarm = () -> {};
        private Instant warnedOfExpiry;

        AccountWatch(Profile account, Supplier<String> name, boolean followed) {
            this.account = account;
            this.name = name;
            this.followed = followed;
        }

        @Override
        public void event(RenewalEvent event) {
            synchronized (Notifications.this) {
                switch (event) {
                    case RenewalEvent.Renewed renewal -> gather(new Renewed(account, name.get(),
                            renewal.attempt().tokenExpiresAt()));
                    case RenewalEvent.Failed failed -> failed.attempt().failure().ifPresent(this::failed);
                    case RenewalEvent.NotReady notReady -> send(NotificationKind.NOT_READY, "There is no valid Upstox"
                            + " token at " + inIst(notReady.readyBy()) + ", the ready-by time. " + notReady.why());
                    // The app's clock, not the account's: one notification, whichever account's login told.
                    case RenewalEvent.ClockOff clockOff -> sendOfTheApp(NotificationKind.CLOCK_OFF, clockOff.warning());
                    case RenewalEvent.Revoked revoked -> send(NotificationKind.TOKEN_REVOKED, "The token was revoked by"
                            + " Upstox before its expiry (an IP change, a logout, or a revocation). The app gets a new"
                            + " one by the usual rules.");
                    case RenewalEvent.ApprovalRequested requested -> send(NotificationKind.APPROVAL_REQUESTED, "Approve"
                            + " the request in the Upstox app or on WhatsApp, before " + inIst(requested.expiresAt()) + ".");
                    case RenewalEvent.TokenChecked checked -> {} // counted by the metrics; a refusal comes as Revoked
                }
            }
        }

        @Override
        public void stateChanged(RenewalSnapshot state) {
            synchronized (Notifications.this) {
                // Once when the problem appears: the service re-reads a locked keychain every minute. The
                // keychain is the app's: every account finds it locked, and the trader hears of it once.
                // A followed account's source is its Redis, the account's own: told and taken back as its.
                if (state.keychainProblem().isPresent() && !keychainProblem) {
                    if (followed) {
                        send(NotificationKind.REDIS_UNREACHABLE, state.keychainProblem().get());
                    } else {
                        sendOfTheApp(NotificationKind.KEYCHAIN_LOCKED, state.keychainProblem().get());
                    }
                } else if (state.keychainProblem().isEmpty() && keychainProblem) {
                    withdraw(Set.of(followed ? NotificationKind.REDIS_UNREACHABLE : NotificationKind.KEYCHAIN_LOCKED),
                            followed ? Optional.of(account) : Optional.empty());
                }
                keychainProblem = state.keychainProblem().isPresent();
                tellOfARejection(state);
                Optional<Instant> usable = state.token().filter(token -> token.stateAt(state.at()).usable())
                        .map(AccessToken::expiresAt);
                if (usable.isPresent() && !usable.equals(usableTokenExpiry)) {
                    withdraw(ENDED_BY_A_NEW_TOKEN, Optional.of(account));
                }
                usableTokenExpiry = usable;
                watchExpiry(UnrenewedExpiry.of(state));
            }
        }

        /**
         * Once for each rejection that stops the account's renewal, also one that another process
         * met (the command line, the headless renewer). A rejection this app met was told of by its
         * failure just before, and the quiet period keeps it from being told twice.
         */
        private void tellOfARejection(RenewalSnapshot state) {
            Optional<String> rejection = state.rejectionId();
            if (rejection.isPresent() && !rejection.equals(rejectionToldOf)
                    && state.plan() instanceof Plan.Stopped stopped) {
                send(NotificationKind.CREDENTIALS_REJECTED, stopped.why());
            }
            rejectionToldOf = rejection;
        }

        private void failed(LoginFailure failure) {
            switch (failure.kind()) {
                case CREDENTIALS -> send(NotificationKind.CREDENTIALS_REJECTED, failure.message());
                // Retrying will not help today: the browser login is the way to a token, one click away.
                case BLOCKED, PROTOCOL_CHANGED -> send(NotificationKind.FAILED,
                        NotificationKind.FAILED.label() + ": log in with the browser", failure.message(),
                        Notification.Action.BROWSER_LOGIN);
                default -> send(NotificationKind.FAILED, failure.message());
            }
        }

        /**
         * Sets the alarm for the warning anew at each state, by the wall clock: the scheduler's delays
         * stand still while the computer sleeps, and the service publishes a state when it wakes.
         */
        private void watchExpiry(Optional<UnrenewedExpiry> unrenewed) {
            expiryAlarm.cancel();
            unrenewed.filter(expiry -> !expiry.expiresAt().equals(warnedOfExpiry)).ifPresent(expiry -> {
                Duration until = Duration.between(clock.instant(), expiry.expiresAt().minus(expiryWarning));
                expiryAlarm = scheduler.schedule(until.isNegative() ? Duration.ZERO : until, () -> warnOfExpiry(expiry));
            });
        }

        private void warnOfExpiry(UnrenewedExpiry expiry) {
            synchronized (Notifications.this) {
                Instant now = clock.instant();
                if (!now.isBefore(expiry.expiresAt())) {
                    return;
                }
                warnedOfExpiry = expiry.expiresAt();
                send(NotificationKind.EXPIRES_UNRENEWED, "The Upstox token expires at " + inIst(expiry.expiresAt())
                        + ", in " + TimeText.span(Duration.between(now, expiry.expiresAt())) + ", and will not be"
                        + " renewed: " + expiry.why());
            }
        }

        private void send(NotificationKind kind, String body) {
            send(kind, kind.label(), body, Notification.Action.OPEN);
        }

        /** A notification of this account: its name before the title when the app has several. */
        private void send(NotificationKind kind, String title, String body, Notification.Action action) {
            Notifications.this.send(new Notification(kind, named(name.get(), title), body, action, Optional.of(account)));
        }
    }

    /** Gathers a renewal: told at once with one account, else once no other came for a few seconds. */
    private void gather(Renewed renewal) {
        if (accounts.getAsInt() <= 1) {
            send(new Notification(NotificationKind.RENEWED, NotificationKind.RENEWED.label(),
                    renewedBody(renewal.expiry()), Notification.Action.OPEN, Optional.of(renewal.account())));
            return;
        }
        if (quiet(new Key(NotificationKind.RENEWED, Optional.of(renewal.account())), clock.instant())) {
            return;
        }
        Instant now = clock.instant();
        if (renewed.isEmpty()) {
            gatheringSince = now;
        }
        renewed.removeIf(r -> r.account().equals(renewal.account()));
        renewed.add(renewal);
        tellRenewed.cancel();
        Duration left = Duration.between(now, gatheringSince.plus(RENEWALS_GATHERED));
        Duration wait = left.compareTo(RENEWALS_SETTLE) < 0 ? left : RENEWALS_SETTLE;
        tellRenewed = scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, this::tellRenewed);
    }

    /**
     * A token file, hook or Redis of an account could not take a new token. Not held back by the
     * quiet period: the dispatcher tells each output's trouble once, and two outputs failing at once
     * are two troubles.
     */
    public synchronized void outputFailed(OutputFailure failure) {
        Profile account = new Profile(failure.profile());
        String name = Optional.ofNullable(watches.get(account)).map(watch -> watch.name.get()).orElse(failure.profile());
        deliverIfOn(new Notification(NotificationKind.OUTPUT_FAILED, named(name, failure.title()), failure.problem(),
                Notification.Action.OPEN, Optional.of(account)));
    }

    private synchronized void tellRenewed() {
        if (renewed.isEmpty()) {
            return;
        }
        List<Renewed> told = List.copyOf(renewed);
        renewed.clear();
        Instant now = clock.instant();
        told.forEach(r -> lastSent.put(new Key(NotificationKind.RENEWED, Optional.of(r.account())), now));
        if (told.size() == 1) {
            Renewed only = told.getFirst();
            deliverIfOn(new Notification(NotificationKind.RENEWED, named(only.name(), NotificationKind.RENEWED.label()),
                    renewedBody(only.expiry()), Notification.Action.OPEN, Optional.of(only.account())));
            return;
        }
        List<String> lines = told.stream().map(r -> r.name() + ": " + r.expiry()
                .map(expiry -> "valid until " + inIst(expiry)).orElse("in the keychain")).toList();
        deliverIfOn(new Notification(NotificationKind.RENEWED, told.size() + " tokens renewed",
                String.join("\n", lines), Notification.Action.OPEN, Optional.empty()));
    }

    private String renewedBody(Optional<Instant> expiry) {
        return expiry.map(e -> "The new Upstox token is valid until " + inIst(e) + ".")
                .orElse("The new Upstox token is in the keychain.");
    }

    /** "Priya HUF – Renewal failed" when the app has several accounts; the title alone with one. */
    private String named(String name, String title) {
        return accounts.getAsInt() > 1 ? name + " – " + title : title;
    }

    private void sendOfTheApp(NotificationKind kind, String body) {
        send(new Notification(kind, kind.label(), body));
    }

    private void send(Notification notification) {
        if (!settings.get().notifications().contains(notification.kind())) {
            return;
        }
        Instant now = clock.instant();
        Key key = new Key(notification.kind(), notification.account());
        if (quiet(key, now)) {
            LOG.debug("Not repeating the notification '{}' within {} min", notification.kind(), QUIET_PERIOD.toMinutes());
            return;
        }
        lastSent.put(key, now);
        delivery.execute(() -> deliver(notification));
    }

    /** A clock set back is no reason to stay quiet: only a time since the last one counts. */
    private boolean quiet(Key key, Instant now) {
        Instant last = lastSent.get(key);
        return last != null && !now.isBefore(last) && Duration.between(last, now).compareTo(QUIET_PERIOD) < 0;
    }

    /** Takes back what is shown of these kinds of the account (none: of the app), in order after what was sent before. */
    private void withdraw(Set<NotificationKind> kinds, Optional<Profile> account) {
        delivery.execute(() -> kinds.forEach(kind -> notifiers.forEach(notifier -> {
            try {
                notifier.withdraw(kind, account);
            } catch (RuntimeException e) {
                LOG.warn("{} could not take back '{}'", notifier.getClass().getSimpleName(), kind, e);
            }
        })));
    }

    private void deliverIfOn(Notification notification) {
        if (settings.get().notifications().contains(notification.kind())) {
            delivery.execute(() -> deliver(notification));
        }
    }

    private void deliver(Notification notification) {
        for (Notifier notifier : notifiers) {
            try {
                if (notifier.available() && notifier.show(notification)) {
                    LOG.info("Notified: {}", notification.title());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying the next way", notifier.getClass().getSimpleName(), e);
            }
        }
        LOG.warn("No way to show the notification '{}' on this desktop", notification.title());
    }

    private String inIst(Instant time) {
        return TimeText.near(time, clock.instant(), TokenExpiry.IST, "IST");
    }
}
