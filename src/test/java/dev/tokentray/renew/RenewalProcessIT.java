package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renewal as the packaged jar runs it, in separate processes against the simulator over HTTP
 * and the real keychain: two processes at once, a process killed mid-login, a rejected PIN met by
 * every command, and the headless renewer over several token lifetimes.
 */
class RenewalProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough that no test here depends on how near 03:30 IST it runs. */
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);
    /** Generous for a JVM's start and a login on a busy two-core machine. */
    private static final Duration A_LOGIN = Duration.ofSeconds(30);
    private static final Pattern JWT = ProfileCommands.JWT;
    private static final String NO_RETRY = "Until the credentials change";
    /** Kills over the whole time a refresh lives on after its token's issue, then between the outcomes. */
    private static final int SWEEP = 5;
    private static final int FINE_SWEEP = 6;

    @TempDir
    Path home;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private AppProcess app;
    private ProfileCommands commands;

    @BeforeEach
    void requireKeychain() {
        RealEnvironment.requireKeychain();
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            app.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    /** A simulator issuing tokens of {@code tokenLifetime}, and the profile's credentials stored. */
    private void startSimulatorAndSetUp(Duration tokenLifetime) throws Exception {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC())
                .withAccount(TestAccounts.withOwnMobile()) // the stops of a rejection outlive the profile
                .withTokenLifetime(tokenLifetime)
                // The kill test logs in a dozen times in a minute; the OTP rate limit is not under test here.
                .withOtpRateLimit(100));
        app = new AppProcess(home).against(simulator);
        commands = new ProfileCommands(app, profile);
        // Stored without a test login: the logins under test are the commands'.
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
    }

    @Test
    void twoProcessesAtOnceMakeOneLoginAndPrintTheSameToken() throws Exception {
        startSimulatorAndSetUp(EIGHT_HOURS);
        // Holds the first login at its last step for seconds: long enough for the other process to
        // start, find no token in the keychain and queue on the login lock.
        simulator.faults().inject(FaultRule.always(LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofSeconds(4))));

        try (AppProcess.Running first = app.start("token", "--profile", profile);
                AppProcess.Running second = app.start("token", "--profile", profile)) {
            Poll.until("a login to reach the token exchange", A_LOGIN,
                    () -> simulator.counters().requests(LoginStep.TOKEN_EXCHANGE) > 0);
            assertThat(first.isAlive() && second.isAlive()).as("both processes run while the login is held").isTrue();

            AppProcess.Result one = first.await();
            AppProcess.Result other = second.await();
            assertThat(List.of(one.exitCode(), other.exitCode())).containsOnly(0);
            assertThat(one.stdout()).matches(JWT + "\n").isEqualTo(other.stdout());
        }
        assertThat(simulator.counters().requests(Endpoint.DIALOG)).as("logins begun").isEqualTo(1);
        assertThat(count(Event.PIN_ATTEMPTS)).isEqualTo(1);
        assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(1);
    }

    @Test
    void aKillBetweenCodeAndExchangeLeavesTheOldTokenInPlace() throws Exception {
        startSimulatorAndSetUp(EIGHT_HOURS);
        String old = commands.token();
        JsonNode statusBefore = commands.status();
        // The exchange is held far longer than the test: the process dies holding its code.
        simulator.faults().inject(FaultRule.always(LoginStep.TOKEN_EXCHANGE, new Fault.Delay(Duration.ofMinutes(5))));

        try (AppProcess.Running refresh = app.start("refresh", "--profile", profile)) {
            Poll.until("the refresh to send its code for a token", A_LOGIN,
                    () -> simulator.counters().requests(LoginStep.TOKEN_EXCHANGE) > 1);
            assertThat(count(Event.CODES_ISSUED)).isEqualTo(2);
            refresh.kill();
            assertThat(refresh.await().exitCode()).isEqualTo(AppProcess.KILLED);
        }
        simulator.faults().clear();

        JsonNode statusAfter = commands.status();
        assertThat(statusAfter.path("state").asText()).isEqualTo("VALID");
        assertThat(statusAfter.path("issuedAt")).isEqualTo(statusBefore.path("issuedAt"));
        assertThat(statusAfter.path("expiresAt")).isEqualTo(statusBefore.path("expiresAt"));
        assertThat(commands.token()).isEqualTo(old);
        assertThat(commands.storedToken().value().reveal()).as("the keychain entry, read directly").isEqualTo(old);
        assertThat(count(Event.TOKENS_ISSUED)).as("nothing logged in again").isEqualTo(1);
    }

    /**
     * Kills {@code refresh} at moments after the simulator issued its new token, while the process
     * receives it, writes the keychain entry and reads it back, records the attempt and exits.
     * Whenever it dies, the entry holds the old token or the new one, whole.
     *
     * <p>Where the write falls depends on the machine, so a first sweep spreads the kills over the
     * time an undisturbed refresh lives on after the issue; the write lies between the last kill
     * that left the old token and the first that left the new one, and a second sweep kills inside
     * that span.
     */
    @Test
    void aKillWhileTheNewTokenIsStoredLeavesTheOldOrTheNewTokenNeverADamagedOne() throws Exception {
        startSimulatorAndSetUp(EIGHT_HOURS);
        long window = fromTokenIssueToTheEndOfARefresh().toMillis();
        RefreshKiller killer = new RefreshKiller(commands.storedToken().value().reveal());

        long lastOld = 0;
        long firstNew = window;
        for (int moment = 0; moment < SWEEP; moment++) {
            long millis = window * moment / SWEEP;
            boolean replaced = killer.killAt(millis);
            if (firstNew == window) { // not yet past the write
                if (replaced) {
                    firstNew = millis;
                } else {
                    lastOld = millis;
                }
            }
        }
        for (int moment = 1; moment <= FINE_SWEEP; moment++) {
            killer.killAt(lastOld + (firstNew - lastOld) * moment / (FINE_SWEEP + 1));
        }
        System.out.println("kill -9 of refresh, ms after the simulator issued its token (an undisturbed refresh ended "
                + window + " ms after) -> the token then stored: " + killer.outcomes);
    }

    /** Kills refreshes, one at a time, and checks the keychain entry after each. */
    private final class RefreshKiller {
        final Map<Long, String> outcomes = new TreeMap<>();
        private final Set<String> earlier = new HashSet<>();
        private String current;

        RefreshKiller(String current) {
            this.current = current;
        }

        /** Kills a refresh {@code millis} after its token was issued; true when the entry then holds the new token. */
        boolean killAt(long millis) throws Exception {
            long issued = count(Event.TOKENS_ISSUED);
            killRefreshAfterTheTokenIsIssued(Duration.ofMillis(millis));
            assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(issued + 1);

            String stored = commands.storedToken().value().reveal();
            boolean replaced = !stored.equals(current);
            if (replaced) {
                assertThat(stored).as("a token this simulator issued since").isNotIn(earlier);
                assertThat(ProfileCommands.simulatorTakes(simulator, stored)).as("the new token, whole").isTrue();
            }
            assertTheAppReadsTheStoredToken(stored);
            assertThat(count(Event.TOKENS_ISSUED)).as("no login to mend it").isEqualTo(issued + 1);

            outcomes.put(millis, replaced ? "new" : "old");
            earlier.add(current);
            current = stored;
            return replaced;
        }
    }

    /** Runs a refresh to its end: how long it lives on after the simulator issued its token. */
    private Duration fromTokenIssueToTheEndOfARefresh() throws Exception {
        long issued = count(Event.TOKENS_ISSUED);
        try (AppProcess.Running refresh = app.start("refresh", "--profile", profile)) {
            long issuedAt = awaitTokenIssue(issued);
            assertThat(refresh.await().exitCode()).isZero();
            return Duration.ofNanos(System.nanoTime() - issuedAt);
        }
    }

    private void killRefreshAfterTheTokenIsIssued(Duration after) throws Exception {
        long issued = count(Event.TOKENS_ISSUED);
        try (AppProcess.Running refresh = app.start("refresh", "--profile", profile)) {
            long killAt = awaitTokenIssue(issued) + after.toNanos();
            while (System.nanoTime() - killAt < 0) {
                LockSupport.parkNanos(50_000); // a timed wait by design: the kill must come at this moment
            }
            refresh.kill();
            assertThat(refresh.await().exitCode()).as("killed, or done just before").isIn(AppProcess.KILLED, 0);
        }
    }

    /** Waits until the simulator issued a token beyond the {@code issued} ones; returns the moment, in nanos. */
    private long awaitTokenIssue(long issued) throws Exception {
        // Looked for every 0.1 ms: the moments of interest are milliseconds apart.
        Poll.until("the simulator to issue a token", A_LOGIN, Duration.ofNanos(100_000),
                () -> count(Event.TOKENS_ISSUED) > issued);
        return System.nanoTime();
    }

    /** {@code status --json} and {@code token}, run at once, both see {@code stored}. */
    private void assertTheAppReadsTheStoredToken(String stored) throws Exception {
        try (AppProcess.Running status = app.start("status", "--json", "--profile", profile);
                AppProcess.Running token = app.start("token", "--profile", profile)) {
            AppProcess.Result statusResult = status.await();
            assertThat(statusResult.exitCode()).isZero();
            assertThat(JSON.readTree(statusResult.stdout()).path("state").asText()).isEqualTo("VALID");
            AppProcess.Result tokenResult = token.await();
            assertThat(tokenResult.exitCode()).isZero();
            assertThat(tokenResult.stdout()).isEqualTo(stored + "\n");
        }
    }

    @Test
    void aWrongPinIsSentOnceWhateverTheCommandsDoUntilTheCredentialsChange() throws Exception {
        startSimulatorAndSetUp(EIGHT_HOURS);
        String rightPin = simulator.account().credentials().pin().reveal();
        app.set(CredentialField.PIN.environmentVariable(), "111111");
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();

        AppProcess.Result rejected = app.run("token", "--profile", profile);
        assertThat(rejected.exitCode()).isEqualTo(4);
        assertThat(rejected.stderr()).contains("rejected the PIN");
        for (String command : List.of("token", "refresh")) {
            AppProcess.Result refused = app.run(command, "--profile", profile);
            assertThat(refused.exitCode()).as(command).isEqualTo(4);
            assertThat(refused.stderr()).as(command).contains(NO_RETRY);
        }
        AppProcess.Result status = app.run("status", "--profile", profile);
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout()).contains("stopped", "does not retry", "refresh --retry-rejected");
        try (AppProcess.Running renewer = startHeadlessRenewer()) {
            Poll.until("the headless renewer to plan", A_LOGIN,
                    () -> renewer.stderrSoFar().contains("Automatic renewal of profile '" + profile + "' stopped"));
            assertThat(Poll.holdsFor(Duration.ofSeconds(3), () -> count(Event.PIN_ATTEMPTS) == 1))
                    .as("no PIN sent while the renewer runs").isTrue();
            renewer.terminate();
            assertThat(renewer.await().exitCode()).isEqualTo(AppProcess.TERMINATED);
        }
        assertThat(count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        app.set(CredentialField.PIN.environmentVariable(), rightPin);
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
        assertThat(commands.token()).matches(JWT);
        assertThat(count(Event.PIN_ATTEMPTS)).isEqualTo(2);
    }

    /**
     * The issue's "done when": the headless renewer against tokens that live 20 s renews each one
     * after it expires, once, for three cycles, as {@code history} shows; SIGTERM stops it.
     */
    @Test
    void theHeadlessRenewerRenewsEachTokenOnceAfterItExpires() throws Exception {
        Duration lifetime = Duration.ofSeconds(20);
        int logins = 4; // the first token and three renewals: about 60 s
        startSimulatorAndSetUp(lifetime);

        try (AppProcess.Running renewer = startHeadlessRenewer()) {
            Poll.until(logins + " logins", lifetime.multipliedBy(logins).plus(A_LOGIN),
                    () -> occurrences(renewer.stderrSoFar(), "Renewed the token of profile") >= logins);
            renewer.terminate();
            AppProcess.Result stopped = renewer.await();
            assertThat(stopped.exitCode()).isEqualTo(AppProcess.TERMINATED);
            assertThat(stopped.stderr()).contains("Stopping the headless renewer");
        }

        List<Attempt> attempts = commands.history();
        assertThat(attempts).hasSize(logins).allMatch(Attempt::succeeded)
                .allMatch(attempt -> attempt.trigger() == Trigger.AUTOMATIC);
        assertThat(count(Event.TOKENS_ISSUED)).as("one login per token").isEqualTo(logins);
        List<String> cycles = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            Attempt before = attempts.get(i - 1);
            Attempt renewal = attempts.get(i);
            Instant expired = before.tokenExpiresAt().orElseThrow();
            assertThat(renewal.time()).as("renewed only once the token expired").isAfterOrEqualTo(expired);
            assertThat(Duration.between(expired, renewal.time())).as("and promptly").isLessThan(Duration.ofSeconds(5));
            assertThat(renewal.time()).as("never two at once").isAfterOrEqualTo(before.time().plus(before.duration()));
            Duration spacing = Duration.between(before.time(), renewal.time());
            assertThat(spacing).isBetween(lifetime.minusSeconds(2), lifetime.plusSeconds(5));
            cycles.add(String.format("+%.1f s (%d ms after expiry, login %d ms)", spacing.toMillis() / 1000.0,
                    Duration.between(expired, renewal.time()).toMillis(), renewal.duration().toMillis()));
        }
        System.out.println("Headless renewer, " + lifetime.toSeconds() + " s tokens: first login "
                + attempts.getFirst().duration().toMillis() + " ms, then renewals " + cycles);
    }

    private AppProcess.Running startHeadlessRenewer() throws IOException {
        return app.start("run", "--headless", "--login-window", "always", "--profile", profile);
    }

    private long count(Event event) {
        return simulator.counters().count(event);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
