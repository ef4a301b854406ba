package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Family;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless renewer as a process, keeping three accounts' tokens valid against a simulator that
 * serves all three, one of them with a PIN Upstox rejects: a rejection of one account never holds
 * back the others, and its PIN is sent once, however long the renewer runs.
 */
class HeadlessAccountsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough for three renewals each within a minute or so. */
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final int CYCLES = 3;

    @TempDir
    Path home;

    private final Family three = Family.ofThree();
    private final List<String> profiles = three.profiles();
    private final List<SimulatedAccount> family = three.accounts();
    private UpstoxSimulator simulator;
    private AppProcess app;

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            for (String profile : profiles) {
                app.run("forget", "--profile", profile);
            }
            simulator.close();
        }
    }

    @Test
    void everyAccountRenewsEachCycleOneLoginAtATimeAndTheRejectedOneSendsItsPinOnce() throws Exception {
        RealEnvironment.requireKeychain();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withAccounts(family)
                .withTokenLifetime(LIFETIME).withOtpRateLimit(100));
        app = new AppProcess(home).against(simulator);
        List<UpstoxCredentials> stored = List.of(family.get(0).credentials(), family.get(1).credentials(),
                family.get(2).credentialsWithPin("111111"));
        for (int i = 0; i < 3; i++) {
            AppProcess.Result setup = app.withAccount(stored.get(i)).run("setup", "--from-env", "--profile", profiles.get(i));
            assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        }

        try (AppProcess.Running renewer = app.start("run", "--headless", "--login-window", "always")) {
            Poll.until(CYCLES + " tokens of each good account", LIFETIME.multipliedBy(CYCLES + 1).plusSeconds(30),
                    () -> {
                        assertThat(renewer.isAlive()).as("the renewer runs; stderr: %s", renewer.stderrSoFar()).isTrue();
                        return occurrences(renewer.stderrSoFar(), "Renewed the token of profile '" + profiles.get(0)) >= CYCLES
                                && occurrences(renewer.stderrSoFar(), "Renewed the token of profile '" + profiles.get(1)) >= CYCLES;
                    });
            assertThat(renewer.stderrSoFar()).contains("Automatic renewal of profile '" + profiles.get(2) + "' stopped");
            renewer.terminate();
            assertThat(renewer.await().exitCode()).isEqualTo(AppProcess.TERMINATED);
        }

        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS, family.get(2))).as("the rejected PIN, once").isEqualTo(1);
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED, family.get(0))).isGreaterThanOrEqualTo(CYCLES);
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED, family.get(1))).isGreaterThanOrEqualTo(CYCLES);

        List<Attempt> attempts = history();
        assertThat(attempts.stream().filter(a -> a.profile().equals(profiles.get(2))))
                .singleElement().satisfies(a -> assertThat(a.failedWith(FailureKind.CREDENTIALS)).isTrue());
        assertThat(attempts.stream().filter(a -> !a.profile().equals(profiles.get(2)))).allMatch(Attempt::succeeded);
        for (int i = 1; i < attempts.size(); i++) {
            Attempt before = attempts.get(i - 1);
            Attempt next = attempts.get(i);
            assertThat(next.time()).as("one login at a time, %s apart: %s after %s", LoginTurnstile.GAP, next, before)
                    .isAfterOrEqualTo(before.time().plus(before.duration()).plus(LoginTurnstile.GAP).minusMillis(50));
        }
    }

    /** Every account's attempts, in the order they began. */
    private List<Attempt> history() throws Exception {
        AppProcess.Result history = app.run("history", "--all", "--json");
        assertThat(history.exitCode()).as(history.stderr()).isZero();
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode account : JSON.readTree(history.stdout())) {
            account.path("attempts").forEach(node -> attempts.add(AttemptJson.read(node)));
        }
        attempts.sort(Comparator.comparing(Attempt::time));
        return attempts;
    }


    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
