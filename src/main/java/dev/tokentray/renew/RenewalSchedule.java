package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a profile's token valid without being asked: plans the next login by the
 * {@link RenewalPolicy}, runs it through the {@link TokenFetcher}, and tells its listeners. The tray
 * app and the headless renewer run one each. All its work runs on the {@link Scheduler}'s one
 * thread, so it needs no locks; listeners hear it on that thread.
 *
 * <p>The schedule follows the wall clock: a minute's watch compares the wall clock with the
 * monotonic one, and when they part (the machine slept, or its clock was set) it plans anew, so
 * a laptop that sleeps across 03:30 and wakes at 08:00 renews once, at wake. It also plans anew
 * within moments of another process's change to the profile ({@link ChangeMarks}): new
 * credentials from {@code setup}, a rejection or a token from {@code token}.
 *
 * <p>It also asks Upstox whether the token still works ({@link ValidityChecks}): at start, after a
 * wake, on the settings' schedule and on demand ({@link #checkNow()}). A token Upstox refuses is
 * marked revoked at once, and a new one is planned under the usual rules. For an account whose
 * login method is the approval, its logins are approval requests ({@link ApprovalLogin}), which
 * go through the {@link TokenFetcher}'s stops like every login.
 */
public final class RenewalSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalSchedule.class);
    static final Duration WATCH_INTERVAL = Duration.ofMinutes(1);
    /** More than a timer's lateness on a busy machine, less than any sleep worth noticing. */
    static final Duration CLOCK_JUMP = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_TROUBLE = Duration.ofMinutes(1);
    /** Another process's change comes as a few marks in a row: one planning for all of them. */
    static final Duration SETTLE = Duration.ofMillis(300);

    private final TokenFetcher renewer;
    private final StateReader reader;
    private final LoginHistory history;
    private final ChangeMarks changes;
    private final Supplier<RenewalSettings> settings;
    private final Scheduler scheduler;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final List<RenewalListener> listeners = new CopyOnWriteArrayList<>();
    private final ApprovalLogin approval;
    private final ValidityChecks checks;
    private final AtomicBoolean replanning = new AtomicBoolean();
    private volatile Optional<ChangeMarks.Watch> watch = Optional.empty();

    private volatile RenewalSnapshot state;
    private Scheduler.Cancellable nextLogin = () -> {};
    private Scheduler.Cancellable readyByCheck = () -> {};
    private Instant watchedWall;
    private long watchedMonotonic;
    private LocalDate alertedNotReady;
    private Plan followed;

    public RenewalSchedule(TokenFetcher renewer, StateReader reader, LoginHistory history, ChangeMarks changes,
            Supplier<RenewalSettings> settings, Scheduler scheduler, Clock clock, LongSupplier monotonicNanos,
            ApprovalLogin approval, ValidityCheck validity) {
        this.renewer = renewer;
        this.reader = reader;
        this.history = history;
        this.changes = changes;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.monotonicNanos = monotonicNanos;
        this.approval = approval;
        this.checks = new ValidityChecks(validity, () -> settings.get().validityCheck(), scheduler, clock, this::checked);
        this.state = RenewalSnapshot.unknown(renewer.vault().profile(), clock.instant());
    }

    public void addListener(RenewalListener listener) {
        listeners.add(listener);
    }

    public RenewalSnapshot state() {
        return state;
    }

    /**
     * Plans the first login, starts the watches on the clock and on other processes' changes, and
     * checks the token with Upstox.
     */
    public void start() {
        scheduler.schedule(Duration.ZERO, this::plan);
        scheduler.schedule(Duration.ZERO, this::watchClock);
        scheduler.schedule(Duration.ZERO, checks::checkIfOn);
        try {
            watch = Optional.of(changes.watch(renewer.vault().profile(), this::changedElsewhere));
        } catch (IOException e) {
            LOG.warn("Cannot watch for other processes' changes ({}); they show at the next planning", e.getMessage());
        }
    }

    /** Asks Upstox now whether the token still works ("Check now"), even with the periodic checks off. */
    public void checkNow() {
        scheduler.schedule(Duration.ZERO, checks::checkNow);
    }

    /**
     * The trader asked for an approval request now ("Log in by approval", {@code login --approval}):
     * the future completes with the request Upstox accepted, or with why none went out.
     */
    public CompletableFuture<PendingApproval> requestApproval(Optional<String> confirmed) {
        CompletableFuture<PendingApproval> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result,
                () -> approval.request(Trigger.MANUAL, confirmed), this::approvalRequested));
        return result;
    }

    /**
     * Upstox's webhook brought the token of an approved request, taken by the {@link ApprovalInbox}:
     * stores it on the service's thread, like any login, so that the listeners hear of it.
     */
    public CompletableFuture<FetchedToken> completeApproval(PendingApproval request, AccessToken token) {
        CompletableFuture<FetchedToken> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result, () -> approval.complete(request, token), this::renewed));
        return result;
    }

    /** Stops watching for other processes' changes; the scheduler's owner stops the rest. */
    @Override
    public void close() {
        watch.ifPresent(ChangeMarks.Watch::close);
    }

    /**
     * The trader asked: a login now, whatever the plan says; values Upstox rejected only when the
     * trader confirmed a retry of that rejection ({@code confirmed}, the id they were shown).
     */
    public void renewNow(Optional<String> confirmed) {
        scheduler.schedule(Duration.ZERO, () -> login(Trigger.MANUAL, confirmed));
    }

    /**
     * The trader logged in with the browser, and {@code code} came back to {@code login} (from
     * {@link TokenFetcher#startBrowserLogin()}): exchanges it on the service's thread, like any login,
     * so that the listeners hear of it and the plan follows the new token. The future completes
     * with the renewal, or with what {@link TokenFetcher#completeBrowserLogin} threw; either way the
     * stored token is never lost.
     */
    public CompletableFuture<FetchedToken> completeBrowserLogin(BrowserLogin login, AuthorizationCode code) {
        CompletableFuture<FetchedToken> result = new CompletableFuture<>();
        scheduler.schedule(Duration.ZERO, () -> runLogin(result,
                () -> renewer.completeBrowserLogin(login, code, this::stepStarted), this::renewed));
        return result;
    }

    /** Something the plan depends on changed (the settings, the credentials): plan again. */
    public void replan() {
        scheduler.schedule(Duration.ZERO, this::plan);
    }

    /** On the watch's thread: plans anew once the marks of a change have settled. */
    private void changedElsewhere() {
        if (replanning.compareAndSet(false, true)) {
            scheduler.schedule(SETTLE, () -> {
                replanning.set(false);
                plan();
            });
        }
    }

    private void plan() {
        nextLogin.cancel();
        readyByCheck.cancel();
        try {
            RenewalSnapshot read = reader.read().withClockWarning(state.clockWarning());
            publish(read);
            follow(read.plan(), read.at());
            watchReadyBy(read);
        } catch (KeychainException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the app quits, and its scheduler stopped the read: no trouble of the keychain's to tell
            }
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
                nextLogin = scheduler.schedule(until(now, renew.at()), () -> login(Trigger.AUTOMATIC, Optional.empty()));
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

    /**
     * Raises the ready-by alert once a day, when {@link ReadyBy} says it is due, and wakes to judge
     * again when it says so.
     */
    private void watchReadyBy(RenewalSnapshot current) {
        Instant now = current.at();
        switch (ReadyBy.judge(now, current, settings.get())) {
            case ReadyBy.Verdict.Alert alert -> {
                LocalDate today = ReadyBy.day(now);
                if (!today.equals(alertedNotReady)) {
                    alertedNotReady = today;
                    LOG.error("URGENT: no valid Upstox token at the ready-by time, {} IST: {}", settings.get().readyBy(),
                            alert.why());
                    tell(new RenewalEvent.NotReady(alert.readyBy(), alert.why()));
                }
            }
            case ReadyBy.Verdict.JudgeAgainAt later -> readyByCheck = scheduler.schedule(until(now, later.at()), this::plan);
            case ReadyBy.Verdict.Ready ready -> {}
        }
    }

    /** A login by the account's method: the TOTP login, or, for the approval login, a request. */
    private void login(Trigger trigger, Optional<String> confirmed) {
        if (settings.get().loginMethod() == LoginMethod.APPROVAL) {
            runLogin(new CompletableFuture<>(), () -> approval.request(trigger, confirmed), this::approvalRequested);
        } else {
            runLogin(new CompletableFuture<>(), () -> renewer.renew(trigger, confirmed, this::stepStarted),
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
        } catch (KeychainException | NoCredentialsException | NoAutomaticLoginException e) {
            LOG.warn("No login of profile '{}': {}", state.profile(), e.getMessage());
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            // Not its message: it may come from code that held a secret.
            LOG.error("Renewal of profile '{}' failed unexpectedly: {}", state.profile(), UnexpectedFailure.describe(e));
            result.completeExceptionally(e);
        }
        plan();
    }

    private void renewed(FetchedToken renewal) {
        renewal.login().ifPresent(attempt -> {
            LOG.info("{} the token of profile '{}' in {} ms; valid until {}", switch (attempt.trigger()) {
                case BROWSER -> "Logged in with the browser: exchanged";
                case APPROVAL -> "Logged in by approval: received";
                case REDIS -> "Received through Redis (another machine renewed it)";
                default -> "Renewed";
            }, state.profile(), attempt.duration().toMillis(), renewal.token().expiresAt());
            checkClock(attempt);
            tell(new RenewalEvent.Renewed(attempt, renewal.token()));
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

    private void publish(RenewalSnapshot next) {
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
