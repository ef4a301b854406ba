package dev.tokentray.output;

import dev.tokentray.platform.HostName;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.SecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands each account's new tokens to its outputs (the settings file's list, read anew each time,
 * so that outputs added meanwhile count). Every output has its own {@link OutputLane}: its calls
 * run on worker threads, never the renewal's, bounded in time and retried with backoff, and a slow
 * or failing one delays nothing else. Failures go to the {@link OutputProblems}.
 *
 * <p>It hears the renewal service through {@link #listener}: a login's new token goes to every
 * output; a token it finds (at start, or renewed by another process) only to the outputs that lack
 * it, which leaves hooks out. A command that made a token calls {@link #renewed} itself and
 * {@link #awaitIdle} before it exits.
 */
public final class OutputDispatcher implements AutoCloseable {
    private record LaneKey(Profile profile, OutputConfig config) {}

    private final OutputSettings settings;
    private final SecretStore keychain;
    private final OutputProblems problems;
    private final Scheduler scheduler;
    private final ExecutorService workers;
    private final Clock clock;
    private final String host;
    /** Waited on by {@link #awaitIdle}; lanes notify it outside their own lock. */
    private final Object idleSignal = new Object();
    private final Map<LaneKey, OutputLane> lanes = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param scheduler times the retries and the bound of each call (it only hands work over, so the
     *                  renewal's own will do)
     * @param workers   runs the calls; closed with the dispatcher
     * @param host      this computer's name, which the outputs record
     */
    public OutputDispatcher(OutputSettings settings, SecretStore keychain, OutputProblems problems, Scheduler scheduler,
            ExecutorService workers, Clock clock, String host) {
        this.settings = settings;
        this.keychain = keychain;
        this.problems = problems;
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.host = host;
    }

    /** As the app runs it: the outputs of the settings file, a virtual thread per call. */
    public static OutputDispatcher of(SettingsFile file, SecretStore keychain, OutputProblems problems,
            Scheduler scheduler, Clock clock, Map<String, String> environment) {
        return new OutputDispatcher(new OutputSettings(file), keychain, problems,
                scheduler, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("output-", 0).factory()), clock,
                HostName.of(environment));
    }

    /** A token this process's login made: every output of the profile gets it. */
    public void renewed(Profile profile, AccessToken token, Trigger trigger) {
        dispatch(profile, new OutputLane.Job(new NewToken(profile.name(), token, Optional.of(trigger), host), false));
    }

    /**
     * A login attempt of this process, failed or not: the outputs that record attempts (the audit
     * trail) get it.
     *
     * @param userId the Upstox user it was for, when known (the new token's, else the last token's)
     */
    public void attempted(Profile profile, Attempt attempt, Optional<String> userId) {
        dispatch(profile, lane -> lane.attempted(new AuditedAttempt(attempt, userId, host)));
    }

    /** A token this process found: only the profile's outputs that lack it get it (no hook). */
    public void seen(Profile profile, AccessToken token) {
        dispatch(profile, new OutputLane.Job(new NewToken(profile.name(), token, Optional.empty(), host), true));
    }

    /**
     * Hears one profile's renewal service: its logins are {@link #attempted}, their tokens {@link #renewed}, and a usable
     * token in its state that it did not hand out yet (the first state after start, or a token
     * another process renewed) is {@link #seen}. Quick, as the service's listeners must be.
     */
    public RenewalListener listener(Profile profile) {
        return new RenewalListener() {
            private Optional<AccessToken> handedOut = Optional.empty(); // the service's thread only

            @Override
            public void event(RenewalEvent event) {
                if (event instanceof RenewalEvent.Renewed renewal) {
                    handedOut = Optional.of(renewal.token());
                    attempted(profile, renewal.attempt(), Optional.of(renewal.token().userId()));
                    if (renewal.attempt().trigger() == Trigger.REDIS) {
                        seen(profile, renewal.token()); // another machine's login, handed out there already
                    } else {
                        renewed(profile, renewal.token(), renewal.attempt().trigger());
                    }
                } else if (event instanceof RenewalEvent.Failed failed) {
                    attempted(profile, failed.attempt(), handedOut.map(AccessToken::userId));
                }
            }

            @Override
            public void stateChanged(RenewalSnapshot state) {
                Optional<AccessToken> token = state.token().filter(t -> t.stateAt(state.at()).usable());
                if (token.isPresent() && !token.equals(handedOut)) {
                    handedOut = token;
                    seen(profile, token.get());
                }
            }
        };
    }

    private void dispatch(Profile profile, OutputLane.Job job) {
        dispatch(profile, lane -> lane.submit(job));
    }

    private synchronized void dispatch(Profile profile, Consumer<OutputLane> work) {
        if (closed) {
            return;
        }
        List<OutputConfig> configs = settings.of(profile);
        lanes.entrySet().removeIf(lane -> {
            boolean removed = lane.getKey().profile().equals(profile) && !configs.contains(lane.getKey().config());
            if (removed) {
                lane.getValue().close();
            }
            return removed;
        });
        for (OutputConfig config : configs) {
            work.accept(lanes.computeIfAbsent(new LaneKey(profile, config), key -> new OutputLane(profile.name(),
                    open(config), problems, scheduler, workers, clock, this::signalIdle)));
        }
    }

    private TokenOutput open(OutputConfig config) {
        return switch (config) {
            case FileOutputConfig file -> new FileOutput(file);
            case HookOutputConfig hook -> new HookOutput(hook);
            case RedisOutputConfig output -> new RedisOutput(output, new RedisConnector(new RedisPasswords(keychain)));
            case PostgresOutputConfig output -> new PostgresOutput(output, keychain);
        };
    }

    /** The longest one call of any output handed a token so far takes: how long a command waits for them. */
    public synchronized Duration longestCall() {
        return lanes.values().stream().map(OutputLane::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Waits until no output has anything left to do, at most {@code bound}; false when some still have. */
    public boolean awaitIdle(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<OutputLane> current;
            synchronized (this) {
                current = List.copyOf(lanes.values());
            }
            synchronized (idleSignal) {
                if (current.stream().allMatch(OutputLane::idle)) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idleSignal, left);
            }
        }
    }

    private void signalIdle() {
        synchronized (idleSignal) {
            idleSignal.notifyAll();
        }
    }

    /**
     * Stops every output: no more retries, and calls still running are interrupted (a hook ends the
     * programs it started); waits a few seconds for them, so that no hook outlives a command.
     */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
            lanes.values().forEach(OutputLane::close);
        }
        awaitIdle(HookOutput.GRACE.plusSeconds(2));
        workers.shutdownNow();
    }
}
