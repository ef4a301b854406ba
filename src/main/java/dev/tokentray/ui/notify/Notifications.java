package dev.tokentray.ui.notify;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.upstox.LoginFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the trader is told, and when: turns the renewal's events and states into notifications,
 * keeps to the kinds switched on in the settings, and does not repeat a kind within
 * {@link #QUIET_PERIOD}. Each goes to the first {@link Notifier} that is available and shows it.
 *
 * <p>It hears the renewal service on the service's thread and decides there; showing runs on the
 * {@code delivery} executor, so that a slow desktop never holds up the renewal.
 */
public final class Notifications implements RenewalListener {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    /** A failing login retries within seconds: one notification of a kind per five minutes is enough. */
    public static final Duration QUIET_PERIOD = Duration.ofMinutes(5);
    /** How long before an expiry with no renewal after it the trader is warned. */
    public static final Duration EXPIRY_WARNING = Duration.ofMinutes(30);
    /** The alerts a new token takes back: they said there is none, or none to come, or asked for one. */
    private static final Set<NotificationKind> ENDED_BY_A_NEW_TOKEN = EnumSet.of(NotificationKind.NOT_READY,
            NotificationKind.EXPIRES_UNRENEWED, NotificationKind.FAILED, NotificationKind.TOKEN_REVOKED,
            NotificationKind.APPROVAL_REQUESTED);

    private final List<Notifier> notifiers;
    private final Supplier<UiSettings> settings;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor delivery;
    private final Duration expiryWarning;
    private final Map<NotificationKind, Instant> lastSent = new EnumMap<>(NotificationKind.class);
    private boolean keychainProblem;
    /** The rejection last told of, so that each is told once, however often the state is read. */
    private Optional<String> rejectionToldOf = Optional.empty();
    /** The expiry of the usable token of the last state, to tell a new token from the same one. */
    private Optional<Instant> usableTokenExpiry = Optional.empty();
    private Scheduler.Cancellable expiryAlarm = () -> {};
    private Instant warnedOfExpiry;

    /**
     * @param notifiers     the ways to show, best first ({@link #notifiersFor})
     * @param scheduler     wakes it for the expiry warning; the renewal's own will do
     * @param expiryWarning {@link #EXPIRY_WARNING}; shorter in demo mode, whose tokens live minutes
     */
    public Notifications(List<Notifier> notifiers, Supplier<UiSettings> settings, Clock clock, Scheduler scheduler,
            Executor delivery, Duration expiryWarning) {
        this.notifiers = List.copyOf(notifiers);
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.delivery = delivery;
        this.expiryWarning = expiryWarning;
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

    @Override
    public synchronized void event(RenewalEvent event) {
        switch (event) {
            case RenewalEvent.Renewed renewed -> send(NotificationKind.RENEWED, renewed(renewed.attempt()));
            case RenewalEvent.Failed failed -> failed.attempt().failure().ifPresent(this::failed);
            case RenewalEvent.NotReady notReady -> send(NotificationKind.NOT_READY, "There is no valid Upstox token at "
                    + inIst(notReady.readyBy()) + ", the ready-by time. " + notReady.why());
            case RenewalEvent.ClockOff clockOff -> send(NotificationKind.CLOCK_OFF, clockOff.warning());
            case RenewalEvent.Revoked revoked -> send(NotificationKind.TOKEN_REVOKED, "The token was revoked by Upstox"
                    + " before its expiry (an IP change, a logout, or a revocation). The app gets a new one by the"
                    + " usual rules.");
            case RenewalEvent.ApprovalRequested requested -> send(NotificationKind.APPROVAL_REQUESTED, "Approve the"
                    + " request in the Upstox app or on WhatsApp, before " + inIst(requested.expiresAt()) + ".");
            case RenewalEvent.TokenChecked checked -> {} // counted by the metrics; a refusal comes as Revoked
        }
    }

    @Override
    public synchronized void stateChanged(RenewalState state) {
        // Once when the problem appears: the service re-reads a locked keychain every minute.
        if (state.keychainProblem().isPresent() && !keychainProblem) {
            send(NotificationKind.KEYCHAIN_LOCKED, state.keychainProblem().get());
        } else if (state.keychainProblem().isEmpty() && keychainProblem) {
            withdraw(Set.of(NotificationKind.KEYCHAIN_LOCKED));
        }
        keychainProblem = state.keychainProblem().isPresent();
        tellOfARejection(state);
        Optional<Instant> usable = state.token().filter(token -> token.stateAt(state.at()).usable())
                .map(AccessToken::expiresAt);
        if (usable.isPresent() && !usable.equals(usableTokenExpiry)) {
            withdraw(ENDED_BY_A_NEW_TOKEN);
        }
        usableTokenExpiry = usable;
        watchExpiry(UnrenewedExpiry.of(state));
    }

    /**
     * Once for each rejection that stops the renewal, also one that another process met (the
     * command line, the headless renewer). A rejection this app met was told of by its failure just
     * before, and the quiet period keeps it from being told twice.
     */
    private void tellOfARejection(RenewalState state) {
        Optional<String> rejection = state.rejectionId();
        if (rejection.isPresent() && !rejection.equals(rejectionToldOf) && state.plan() instanceof Plan.Stopped stopped) {
            send(NotificationKind.CREDENTIALS_REJECTED, stopped.why());
        }
        rejectionToldOf = rejection;
    }

    private String renewed(Attempt attempt) {
        return attempt.tokenExpiresAt()
                .map(expiry -> "The new Upstox token is valid until " + inIst(expiry) + ".")
                .orElse("The new Upstox token is in the keychain.");
    }

    private void failed(LoginFailure failure) {
        switch (failure.kind()) {
            case CREDENTIALS -> send(NotificationKind.CREDENTIALS_REJECTED, failure.message());
            // Retrying will not help today: the browser login is the way to a token, one click away.
            case BLOCKED, PROTOCOL_CHANGED -> send(new Notification(NotificationKind.FAILED,
                    NotificationKind.FAILED.label() + ": log in with the browser", failure.message(),
                    Notification.Action.BROWSER_LOGIN));
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

    private synchronized void warnOfExpiry(UnrenewedExpiry expiry) {
        Instant now = clock.instant();
        if (!now.isBefore(expiry.expiresAt())) {
            return;
        }
        warnedOfExpiry = expiry.expiresAt();
        send(NotificationKind.EXPIRES_UNRENEWED, "The Upstox token expires at " + inIst(expiry.expiresAt()) + ", in "
                + TimeText.span(Duration.between(now, expiry.expiresAt())) + ", and will not be renewed: " + expiry.why());
    }

    private void send(NotificationKind kind, String body) {
        send(new Notification(kind, kind.label(), body));
    }

    private void send(Notification notification) {
        NotificationKind kind = notification.kind();
        if (!settings.get().notifications().contains(kind)) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastSent.get(kind);
        // A clock set back is no reason to stay quiet: only a time since the last one counts.
        if (last != null && !now.isBefore(last) && Duration.between(last, now).compareTo(QUIET_PERIOD) < 0) {
            LOG.debug("Not repeating the notification '{}' within {} min", kind, QUIET_PERIOD.toMinutes());
            return;
        }
        lastSent.put(kind, now);
        delivery.execute(() -> deliver(notification));
    }

    /** Takes back what is shown of these kinds, in order after what was sent before. */
    private void withdraw(Set<NotificationKind> kinds) {
        delivery.execute(() -> kinds.forEach(kind -> notifiers.forEach(notifier -> {
            try {
                notifier.withdraw(kind);
            } catch (RuntimeException e) {
                LOG.warn("{} could not take back '{}'", notifier.getClass().getSimpleName(), kind, e);
            }
        })));
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
