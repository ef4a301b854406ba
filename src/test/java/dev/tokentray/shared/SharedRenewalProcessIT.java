package dev.tokentray.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.AtOnce;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.KeychainService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Three headless renewers as "machines" (separate JVMs, each with its own home, state folder and
 * keychain service) sharing the test command's Redis, against 20-second tokens: one login per
 * cycle, counted at the simulator; the one that logs in (on a renew request) killed mid-login, and
 * another renewing within a minute; a wrong PIN sent once across all three, and never again, not even on renew requests.
 */
class SharedRenewalProcessIT {
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration A_LOGIN = Duration.ofSeconds(30);

    @TempDir
    Path homes;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AppProcess> machines = new ArrayList<>();
    private UpstoxSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        RealEnvironment.requireRedis();
        SimulatedAccount account = TestAccounts.withOwnMobile(); // its stops are this test's alone
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withAccount(account)
                .withTokenLifetime(LIFETIME));
        for (int i = 0; i < 3; i++) {
            Path home = Files.createDirectories(homes.resolve("machine-" + i));
            machines.add(new AppProcess(home).against(simulator)
                    .set(KeychainService.VARIABLE, TestKeychain.SERVICE + "-machine-" + i));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            AtOnce.call(machines.stream().<Callable<Void>>map(machine -> () -> {
                machine.run("outputs", "remove", "--profile", profile, "redis-1"); // and its password, from the keychain
                machine.run("forget", "--profile", profile);
                return null;
            }).toList());
            simulator.close();
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    @Test
    void oneLoginPerCycleAndAnotherTakesOverFromOneKilledMidLogin() throws Exception {
        AtOnce.call(machines.stream().<Callable<Void>>map(machine -> () -> {
            setUp(machine);
            return null;
        }).toList());
        long setUps = logins();
        List<AppProcess.Running> renewers = startRenewers();

        // Cycles: each login's time, as the simulator counts it; two logins of one cycle would come within seconds.
        List<Long> loginTimes = new ArrayList<>();
        for (int cycle = 1; cycle <= 3; cycle++) {
            long expected = setUps + cycle;
            Poll.until("login " + cycle + " of the renewers", LIFETIME.plus(A_LOGIN), Duration.ofMillis(50),
                    () -> logins() >= expected);
            loginTimes.add(System.nanoTime());
            assertThat(logins()).as("one login in cycle " + cycle).isEqualTo(expected);
        }
        for (int i = 1; i < loginTimes.size(); i++) {
            assertThat(Duration.ofNanos(loginTimes.get(i) - loginTimes.get(i - 1)))
                    .as("a token's lifetime between logins").isGreaterThan(LIFETIME.minusSeconds(5));
        }
        Poll.until("the others to take the third token from Redis", A_LOGIN,
                () -> currentToken() != null && occurrences(renewers, "Received through Redis") >= 4);
        String third = currentToken();
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.hget(prefix + ":" + simulator.account().userId() + ":token_meta", "trigger"))
                    .as("the machines that took it hand it to no Redis again").isEqualTo("automatic");
        }

        // A renew request makes all three renew now; the login hangs at its first step, and the machine
        // that holds the lease dies there.
        simulator.faults().inject(FaultRule.next(1, LoginStep.DIALOG, new Fault.Delay(Duration.ofSeconds(50))));
        long beforeKill = logins();
        long dialogs = simulator.counters().requests(LoginStep.DIALOG);
        try (Jedis admin = TestRedis.admin()) {
            admin.publish(prefix + ":renew_request", simulator.account().userId());
        }
        Poll.until("a machine to hold the lease and hang in its login", A_LOGIN,
                () -> simulator.counters().requests(LoginStep.DIALOG) > dialogs && lease() != null);
        long holder = Long.parseLong(lease().split("/")[1]);
        AppProcess.Running killed = renewers.stream().filter(r -> r.pid() == holder).findFirst().orElseThrow();
        killed.kill();
        long killedAt = System.nanoTime();

        Poll.until("another machine to renew, and its token in Redis", Duration.ofSeconds(60),
                () -> logins() == beforeKill + 1 && currentToken() != null && !currentToken().equals(third));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(60));
        assertThat(logins()).as("the dead machine's login never finished: one login").isEqualTo(beforeKill + 1);
        for (AppProcess.Running renewer : renewers) {
            renewer.close();
        }
    }

    @Test
    void aWrongPinIsSentOnceAcrossThreeMachinesAndNeverAgain() throws Exception {
        AtOnce.call(machines.stream().<Callable<Void>>map(machine -> () -> {
            setUp(machine);
            machine.set("UPSTOX_PIN_CODE", "000000"); // mistyped on every machine, saved without a test
            AppProcess.Result saved = machine.run("setup", "--from-env", "--no-test", "--profile", profile);
            assertThat(saved.exitCode()).as(saved.stderr()).isZero();
            return null;
        }).toList());
        long pins = pins();
        List<AppProcess.Running> renewers = startRenewers();

        Poll.until("the PIN to be rejected once the tokens expire", LIFETIME.plus(A_LOGIN), () -> pins() > pins);
        Poll.until("every machine to stop", A_LOGIN,
                () -> occurrences(renewers, "Automatic renewal of profile '" + profile + "' stopped") == 3);
        assertThat(pins()).as("one PIN request across the three").isEqualTo(pins + 1);

        String refused = "No login of profile '" + profile + "'";
        int refusedBefore = occurrences(renewers, refused);
        try (Jedis admin = TestRedis.admin()) {
            admin.publish(prefix + ":renew_request", simulator.account().userId());
        }
        Poll.until("each to refuse the request", A_LOGIN,
                () -> occurrences(renewers, "A renewal of " + simulator.account().userId() + " was asked for") == 3
                        && occurrences(renewers, refused) == refusedBefore + 3);
        assertThat(pins()).as("no renew request sends a rejected PIN").isEqualTo(pins + 1);
        for (AppProcess.Running renewer : renewers) {
            renewer.close();
        }
    }

    /** setup --from-env (a login), and the Redis password in the machine's keychain, as `outputs add redis` keeps it. */
    private void setUp(AppProcess machine) throws Exception {
        AppProcess.Result setUp = machine.run("setup", "--from-env", "--profile", profile);
        assertThat(setUp.exitCode()).as(setUp.stderr()).isZero();
        try (AppProcess.Running adding = machine.startTyping("outputs", "add", "redis", "--profile", profile,
                "--prefix", prefix, "--password-stdin", TestRedis.url())) {
            adding.type(TestRedis.password().reveal());
            AppProcess.Result added = adding.await();
            assertThat(added.exitCode()).as(added.stderr()).isZero();
        }
    }

    private List<AppProcess.Running> startRenewers() throws Exception {
        List<AppProcess.Running> renewers = new ArrayList<>();
        for (AppProcess machine : machines) {
            renewers.add(machine.start("run", "--headless", "--login-window", "always", "--check-every", "off",
                    "--profile", profile, "--redis", TestRedis.url(), "--redis-prefix", prefix));
        }
        return renewers;
    }

    private String lease() {
        try (Jedis admin = TestRedis.admin()) {
            return admin.get(prefix + ":" + simulator.account().userId() + ":login_lease");
        }
    }

    private String currentToken() {
        try (Jedis admin = TestRedis.admin()) {
            return admin.get(prefix + ":" + simulator.account().userId() + ":access_token");
        }
    }

    private long logins() {
        return simulator.counters().count(Event.TOKENS_ISSUED);
    }

    private long pins() {
        return simulator.counters().count(Event.PIN_ATTEMPTS);
    }

    private static int occurrences(List<AppProcess.Running> renewers, String part) throws Exception {
        int count = 0;
        for (AppProcess.Running renewer : renewers) {
            count += renewer.stderrSoFar().split(java.util.regex.Pattern.quote(part), -1).length - 1;
        }
        return count;
    }

}
