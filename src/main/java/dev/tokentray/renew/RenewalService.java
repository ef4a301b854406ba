package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.KeychainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a profile's token valid without being asked: plans the next login by the
 * {@link RenewalPolicy}, runs it through the {@link Renewer}, and tells its listeners. The tray
 * app and the headless renewer run one each. All its work runs on the {@link Scheduler}'s one
 * thread, so it needs no locks; listeners hear it on that thread.
 *
 * <p>The schedule follows the wall clock: a minute's watch compares the wall clock with the
 * monotonic one, and when they part (the machine slept, or its clock was set) it plans anew, so
 * a laptop that sleeps across 03:30 and wakes at 08:00 renews once, at wake.
 *
 * <p>It also asks Upstox whether the token still works ({@link ValidityChecks}): at start, after a
 * wake, on the settings' schedule and on demand ({@link #checkNow()}). A token Upstox refuses is
 * marked revoked at once, and a new one is planned under the usual rules. For an account whose
 * login method is the approval, its logins are approval requests ({@link ApprovalLogin}).
 */
public final class RenewalService {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalService.class);
    static final Duration WATCH_INTERVAL = Duration.ofMinutes(1);
    /** More than a timer's lateness on a busy machine, less than any sleep worth noticing. */
    static final Duration CLOCK_JUMP = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_TROUBLE = Duration.ofMinutes(1);

    private final Renewer renewer;
    private final StateReader reader;
    private final LoginHistory history;
    private final RenewalPolicy policy;
    private final Supplier<RenewalSettings> settings;
    private final Scheduler scheduler;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final List<RenewalListener> listeners = new CopyOnWriteArrayList<>();
    private final ApprovalLogin approval;
    private final ValidityChecks checks;

    private volatile RenewalState state;
    private Scheduler.Cancellable nextLogin = () -> {};
    private Scheduler.Cancellable readyByCheck = () -> {};
    private Instant watchedWall;
    private long watchedMonotonic;
    private LocalDate alertedNotReady;
    private Plan followed;

    public RenewalService(Renewer renewer, StateReader reader, LoginHistory history, RenewalPolicy policy,
            Supplier<RenewalSettings> settings, Scheduler scheduler, Clock clock, LongSupplier monotonicNanos,
            ApprovalLogin approval, ValidityCheck validity) {
        this.renewer = renewer;
        this.reader = reader;
        this.history = history;
        this.policy = policy;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.monotonicNanos = monotonicNanos;
        this.approval = approval;
        this.checks = new ValidityChecks(validity, () -> settings.get().validityCheck(), scheduler, clock, this::checked);
        this.state = RenewalState.unknown(renewer.vault().profile(), clock.instant());
    }

    public void addListener(RenewalListener listener) {
        listeners.add(listener);
    }

    public RenewalState state() {
        return state;
    }

    /** Plans the first login, starts the watch on the clock, and checks the token with Upstox. */
    public void start() {
        scheduler.schedule(Duration.ZERO, this::plan);
        scheduler.schedule(Duration.ZERO, this::watchClock);
        scheduler.schedule(Duration.ZERO, checks::checkIfOn);
    }

    /** Asks Upstox now whether the token still works ("Check now"), even with the periodic checks off. */
    public void checkNow() {
        scheduler.schedule(Duration.ZERO, checks::checkNow);
    }

    /**
     * The trader asked for an approval request now ("Log in by approval", {@code login --approval}):
     * the future completes with the request Upstox accepted, or with why none went out.
     */
    public CompletableFuture<PendingApproval> requestApproval(boolean retryConfirmed) {
        CompletableFuture<PendingApproval> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result,
                () -> approval.request(Trigger.MANUAL, retryConfirmed), this::approvalRequested));
        return result;
    }

    /**
     * Upstox's webhook brought the token of an approved request, taken by the {@link ApprovalInbox}:
     * stores it on the service's thread, like any login, so that the listeners hear of it.
     */
    public CompletableFuture<Renewal> completeApproval(PendingApproval request, AccessToken token) {
        CompletableFuture<Renewal> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result, () -> approval.complete(request, token), this::renewed));
        return result;
    }

    /** The trader asked: a login now, whatever the plan says (a rejected login only when confirmed). */
    public void renewNow(boolean retryConfirmed) {
        scheduler.schedule(Duration.ZERO, () -> login(Trigger.MANUAL, retryConfirmed));
    }

    /**
     * The trader logged in with the browser, and {@code code} came back to {@code login} (from
     * {@link Renewer#startBrowserLogin()}): exchanges it on the service's thread, like any login,
     * so that the listeners hear of it and the plan follows the new token. The future completes
     * with the renewal, or with what {@link Renewer#completeBrowserLogin} threw; either way the
     * stored token is never lost.
     */
    public CompletableFuture<Renewal> completeBrowserLogin(BrowserLogin login, AuthorizationCode code) {
        CompletableFuture<Renewal> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result,
                () -> renewer.completeBrowserLogin(login, code, this::stepStarted), this::renewed));
        return result;
    }

    /** Something the plan depends on changed (the settings, the credentials): plan again. */
    public void replan() {
        scheduler.schedule(Duration.ZERO, this::plan);
    }

    private void plan() {
        nextLogin.cancel();
        readyByCheck.cancel();
        try {
            RenewalState read = reader.read();
            publish(read.withClockWarning(state.clockWarning()));
            follow(read.plan(), read.at());
            watchReadyBy(read.at(), read.token());
        } catch (KeychainException e) {
            LOG.warn("Cannot read the keychain: {}", e.getMessage());
            publish(state.withKeychainProblem(e.getMessage(), clock.instant()));
            nextLogin = scheduler.schedule(RETRY_AFTER_TROUBLE, this::plan);
        } catch (RuntimeException e) {
            // Periodic work must survive: a bug is logged, and the schedule goes on.
            LOG.error("Planning the renewal failed; trying again in a minute", e);
            nextLogin = scheduler.schedule(RETRY_AFTER_TROUBLE, this::plan);
        }
    }

    private void follow(Plan plan, Instant now) {
        boolean news = !plan.equals(followed);
        followed = plan;
        switch (plan) {
            case Plan.RenewAt renew -> {
                if (news) {
                    LOG.info("Next login of profile '{}' at {}", state.profile(), renew.at());
                }
                nextLogin = scheduler.schedule(until(now, renew.at()), () -> login(Trigger.AUTOMATIC, false));
            }
            case Plan.WaitForExpiry wait -> {
                if (news) {
                    LOG.info("Token of profile '{}' valid until {}; next login at {}", state.profile(), wait.until(),
                            wait.renewAt());
                    wait.note().ifPresent(note -> LOG.info("Profile '{}': {}", state.profile(), note));
                }
                nextLogin = scheduler.schedule(until(now, wait.until()), this::plan);
            }
            case Plan.AwaitApproval wait -> {
                if (news) {
                    LOG.warn("Profile '{}' waits for the trader to approve the request sent at {} (until {}) in the"
                            + " Upstox app or on WhatsApp; unanswered, the next goes at {}", state.profile(),
                            wait.requestedAt(), wait.expiresAt(), wait.nextRequest());
                }
                nextLogin = scheduler.schedule(until(now, now.isBefore(wait.expiresAt()) ? wait.expiresAt()
                        : wait.nextRequest()), this::plan);
            }
            case Plan.Stopped stopped -> {
                if (news) {
                    LOG.warn("Automatic renewal of profile '{}' stopped: {}", state.profile(), stopped.why());
                }
            }
            case Plan.Off off -> {
                if (news) {
                    LOG.info("Automatic renewal of profile '{}' is off", state.profile());
                }
            }
        }
    }

    /** Raises the ready-by alert once a day, and wakes for it when the token is missing before then. */
    private void watchReadyBy(Instant now, Optional<AccessToken> token) {
        RenewalSettings current = settings.get();
        LocalDate today = now.atZone(TokenExpiry.IST).toLocalDate();
        if (policy.notReady(now, token, current)) {
            if (!today.equals(alertedNotReady)) {
                alertedNotReady = today;
                String why = whyNotReady();
                LOG.error("URGENT: no valid Upstox token at the ready-by time, {} IST: {}", current.readyBy(), why);
                tell(new RenewalEvent.NotReady(policy.readyByToday(now, current), why));
            }
        } else if (token.filter(t -> t.stateAt(now).usable()).isEmpty()) {
            readyByCheck = scheduler.schedule(until(now, policy.readyByToday(now, current)), this::plan);
        }
    }

    private String whyNotReady() {
        return switch (state.plan()) {
            case Plan.Stopped stopped -> stopped.why();
            case Plan.Off off -> "Automatic renewal is off; renew by hand.";
            case Plan.AwaitApproval wait -> "The approval request sent at " + wait.requestedAt()
                    + " is not approved; approve it in the Upstox app or on WhatsApp, or send a new one.";
            default -> state.lastAttempt().flatMap(Attempt::failure).map(f -> f.message())
                    .orElse("The next login is planned for " + state.nextRenewal().map(Instant::toString).orElse("later") + ".");
        };
    }

    /** A login by the account's method: the TOTP login, or, for the approval login, a request. */
    private void login(Trigger trigger, boolean retryConfirmed) {
        if (settings.get().loginMethod() == LoginMethod.APPROVAL) {
            runLogin(new CompletableFuture<>(), () -> approval.request(trigger, retryConfirmed), this::approvalRequested);
        } else {
            runLogin(new CompletableFuture<>(), () -> renewer.renew(trigger, retryConfirmed, this::stepStarted),
                    this::renewed);
        }
    }

    /**
     * Runs a login (or an approval request), tells the listeners, and plans anew; {@code result}
     * gets its outcome, which {@code succeeded} hears first.
     */
    private <T> void runLogin(CompletableFuture<T> result, SingleFlight.Call<T> login, Consumer<T> succeeded) {
        try {
            T outcome = login.run();
            succeeded.accept(outcome);
            result.complete(outcome);
        } catch (LoginException e) {
            LOG.warn("Login of profile '{}' failed ({}): {}", state.profile(), e.failure().kind(), e.getMessage());
            history.last(state.profile().name()).ifPresent(attempt -> {
                checkClock(attempt);
                tell(new RenewalEvent.Failed(attempt));
            });
            result.completeExceptionally(e);
        } catch (LoginRefusedException e) {
            LOG.info("No login of profile '{}': {}", state.profile(), e.getMessage());
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the stored token is as it was
            result.completeExceptionally(e);
            return;
        } catch (Exception e) {
            LOG.warn("Renewal of profile '{}' failed: {}", state.profile(), e.getMessage(), e);
            result.completeExceptionally(e);
        }
        plan();
    }

    private void renewed(Renewal renewal) {
        renewal.login().ifPresent(attempt -> {
            LOG.info("{} the token of profile '{}' in {} ms; valid until {}", switch (attempt.trigger()) {
                case BROWSER -> "Logged in with the browser: exchanged";
                case APPROVAL -> "Logged in by approval: received";
                default -> "Renewed";
            }, state.profile(), attempt.duration().toMillis(), renewal.token().expiresAt());
            checkClock(attempt);
            tell(new RenewalEvent.Renewed(attempt));
        });
    }

    private void approvalRequested(PendingApproval request) {
        LOG.warn("Approve the request in the Upstox app or on WhatsApp: profile '{}' waits for it until {}",
                state.profile(), request.expiresAt());
        tell(new RenewalEvent.ApprovalRequested(request.expiresAt()));
    }

    /** A check of the token: a dead one is marked revoked already; the plan follows what the keychain holds now. */
    private void checked(ValidityCheck.Outcome outcome) {
        tell(new RenewalEvent.TokenChecked(outcome.result()));
        if (outcome.dead()) {
            LOG.warn("Upstox refused the token of profile '{}' before its expiry: it was revoked", state.profile());
            tell(new RenewalEvent.Revoked(outcome.token()));
            plan();
        } else if (!state.token().equals(Optional.of(outcome.token()))) {
            plan(); // another process stored another token since this service last read it
        }
    }

    private void stepStarted(LoginStep step) {
        publish(state.withLoginStep(Optional.of(step)));
    }

    private void checkClock(Attempt attempt) {
        Optional<String> warning = ClockCheck.warning(attempt.clockSkew());
        warning.ifPresent(text -> {
            LOG.warn(text);
            tell(new RenewalEvent.ClockOff(text));
        });
        state = state.withClockWarning(warning);
    }

    /**
     * Every minute: when the wall clock moved differently from the monotonic one, plan anew. While
     * there is no usable token, plan anew anyway: another process ({@code token}, {@code refresh})
     * may have stored one, and the tray should say so within a minute, not at the next planned login.
     */
    private void watchClock() {
        Instant wall = clock.instant();
        long monotonic = monotonicNanos.getAsLong();
        if (watchedWall != null) {
            Duration drift = Duration.between(watchedWall, wall).minusNanos(monotonic - watchedMonotonic);
            boolean jumped = drift.abs().compareTo(CLOCK_JUMP) > 0;
            if (jumped) {
                LOG.info("The wall clock jumped by {} s (the computer slept, or its time was set): planning anew",
                        drift.toSeconds());
            }
            if (jumped || !state.tokenState().usable()) {
                plan();
            }
            if (jumped) {
                checks.checkIfOn();
            }
        }
        watchedWall = wall;
        watchedMonotonic = monotonic;
        scheduler.schedule(WATCH_INTERVAL, this::watchClock);
    }

    private void publish(RenewalState next) {
        state = next;
        listeners.forEach(listener -> listener.stateChanged(next));
    }

    private void tell(RenewalEvent event) {
        listeners.forEach(listener -> listener.event(event));
    }

    private static Duration until(Instant now, Instant then) {
        return then.isAfter(now) ? Duration.between(now, then) : Duration.ZERO;
    }

}
