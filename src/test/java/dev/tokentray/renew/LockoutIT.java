package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.platform.AppDirs;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.Fingerprints;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockout suite as a trader's machine runs it: the packaged jar as separate processes (and
 * the tray app's renewal service in this JVM), the real keychain, the simulator over HTTP with a
 * PIN the trader mistyped. Each case counts the PIN and OTP requests that reached the simulator.
 */
class LockoutIT {
    private static final String WRONG_PIN = "111111";
    private static final Duration A_LOGIN = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final String profile = "lock-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> profiles = new ArrayList<>(List.of(profile));
    private final KeyringSecretStore keychain = new KeyringSecretStore(TestKeychain.SERVICE);
    private UpstoxSimulator simulator;
    private AppProcess app;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        // The simulator's PIN is the right one; the trader's .env holds another. The account's
        // mobile number is this test's own: the stops of its rejections belong to it.
        SimulatedAccount account = TestAccounts.withOwnMobile();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withAccount(account)
                .withTokenLifetime(Duration.ofHours(8)));
        app = new AppProcess(home).against(simulator).set(CredentialField.PIN.environmentVariable(), WRONG_PIN);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator == null) {
            return;
        }
        for (String each : profiles) {
            app.run("forget", "--profile", each);
        }
        ProfileVault vault = new ProfileVault(keychain, new Profile(profile));
        Optional<Fingerprints> fingerprints = vault.stops().fingerprints();
        if (fingerprints.isPresent()) {
            vault.stops().write(fingerprints.get(), mobile(), List.of());
        }
        keychain.close();
        simulator.close();
    }

    private String mobile() {
        return simulator.account().credentials().mobileNumber();
    }

    private long pins() {
        return simulator.counters().requests(LoginStep.PIN);
    }

    private long otps() {
        return simulator.counters().requests(LoginStep.OTP_VERIFY);
    }

    private AppProcess.Result run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--profile")) {
            all.add("--profile");
            all.add(profile);
        }
        return app.run(all.toArray(String[]::new));
    }

    private Path stateFolder() {
        return AppDirs.of("Linux", home, Map.of("XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_STATE_HOME", home.resolve(".local/state").toString())).state();
    }

    /** A bot's start script that restarts on failure: {@code setup --from-env && token}, six times. */
    @Test
    void theRestartLoopSendsAWrongPinOnce() throws Exception {
        List<Integer> exits = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            AppProcess.Result setup = run("setup", "--from-env");
            exits.add(setup.exitCode());
            if (setup.exitCode() == 0) {
                exits.add(run("token").exitCode());
            }
        }

        assertThat(exits).containsOnly(4).hasSize(6);
        assertThat(pins()).as("PIN requests").isEqualTo(1);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
        assertThat(otps()).isEqualTo(1);
        assertThat(run("setup", "--from-env").stderr()).contains("Until the credentials change", "Nothing was stored",
                "--retry-rejected");
    }

    @Test
    void forgetAndSetupAgainOrASecondProfileWithTheSameMobileNumberAreRefusedWithoutARequest() throws Exception {
        assertThat(run("setup", "--from-env").exitCode()).isEqualTo(4);
        assertThat(pins()).isEqualTo(1);

        // Stored on the trader's word (not sent), so that there is an account to forget.
        assertThat(run("setup", "--from-env", "--no-test", "--retry-rejected").exitCode()).isZero();
        assertThat(run("forget").exitCode()).isZero();
        AppProcess.Result again = run("setup", "--from-env");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.stderr()).contains("rejected the PIN");

        String second = "lock2-" + UUID.randomUUID().toString().substring(0, 8);
        profiles.add(second);
        assertThat(run("setup", "--from-env", "--profile", second).exitCode()).isEqualTo(4);
        assertThat(run("setup", "--from-env", "--no-test", "--profile", second).exitCode()).isEqualTo(4);
        assertThat(run("setup", "--from-env", "--no-test", "--retry-rejected", "--profile", second).exitCode())
                .as("stored on the trader's word, but not sent").isZero();
        AppProcess.Result token = run("token", "--profile", second);
        assertThat(token.exitCode()).isEqualTo(4);
        assertThat(token.stderr()).contains("Until the credentials change");

        assertThat(pins()).as("no PIN since the first").isEqualTo(1);
        assertThat(simulator.counters().requests(Endpoint.DIALOG)).as("no login even begun").isEqualTo(1);
    }

    /**
     * The tray app (its renewal service, in this JVM), the headless renewer and {@code token}, all
     * at once with the wrong PIN stored: the first login's rejection stops the other two.
     */
    @Test
    void theTrayAppTheHeadlessRenewerAndTokenAtOnceSendTheWrongPinOnce() throws Exception {
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        // Held at the PIN step, so that all three want a login while the first one runs.
        simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofSeconds(3))));
        ChangeMarks marks = new ChangeMarks(stateFolder());
        RenewalWiring tray = RenewalWiring.of(new ProfileVault(marks.observing(keychain), new Profile(profile)),
                new UpstoxLoginClient(simulator.hosts(), LoginTimeouts.DEFAULT, Clock.systemUTC()), stateFolder(),
                () -> RenewalSettings.DEFAULT.withLoginWindow(LoginHours.ALWAYS), Clock.systemUTC());

        try (ThreadScheduler scheduler = new ThreadScheduler();
                RenewalSchedule service = tray.service(scheduler, System::nanoTime);
                AppProcess.Running headless = app.start("run", "--headless", "--login-window", "always", "--profile",
                        profile);
                AppProcess.Running token = app.start("token", "--profile", profile)) {
            service.start();
            assertThat(token.await().exitCode()).isEqualTo(4);
            Poll.until("the tray app to stop", A_LOGIN, () -> service.state().credentialsRejected());
            Poll.until("the headless renewer to stop", A_LOGIN,
                    () -> headless.stderrSoFar().contains("Automatic renewal of profile '" + profile + "' stopped"));
            assertThat(Poll.holdsFor(Duration.ofSeconds(3), () -> pins() == 1)).as("and they stay stopped").isTrue();
            headless.terminate();
        }
        assertThat(pins()).isEqualTo(1);
        assertThat(otps()).isEqualTo(1);
    }

    @Test
    void withTheHistoryUnwritableNothingLoopsAndTheStopIsSaid() throws Exception {
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        // As root, as the tests run here, a chmod does not keep a process from writing a file; a
        // folder in its place keeps every process, root too, from appending to it.
        Files.createDirectories(stateFolder().resolve("history.jsonl"));

        try (AppProcess.Running headless = app.start("run", "--headless", "--login-window", "always", "--profile",
                profile)) {
            Poll.until("the headless renewer to say why it stopped", A_LOGIN,
                    () -> headless.stderrSoFar().contains("cannot be written"));
            assertThat(Poll.holdsFor(Duration.ofSeconds(3),
                    () -> simulator.counters().requests(Endpoint.DIALOG) == 0)).as("no automatic login").isTrue();
            headless.terminate();
        }
        assertThat(run("status").stdout()).contains("stopped", "cannot be written");

        AppProcess.Result first = run("token");
        assertThat(first.exitCode()).isEqualTo(4);
        for (int round = 0; round < 3; round++) {
            assertThat(run("token").exitCode()).isEqualTo(4);
        }
        assertThat(pins()).isEqualTo(1);
        assertThat(run("status").stdout()).contains("rejected the PIN");
    }

    @Test
    void anUnfamiliarAnswerAtTheOtpStepIsOneRequestThenStopped() throws Exception {
        app.set(CredentialField.PIN.environmentVariable(), simulator.account().credentials().pin().reveal());
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        simulator.faults().inject(FaultRule.always(LoginStep.OTP_VERIFY, new Fault.UnknownError(200)));

        AppProcess.Result unclear = run("token");
        assertThat(unclear.exitCode()).isEqualTo(4);
        assertThat(unclear.stderr()).contains("answer the app does not know after the TOTP code was sent");
        assertThat(run("token").exitCode()).isEqualTo(4);
        assertThat(run("refresh").exitCode()).isEqualTo(4);

        assertThat(otps()).isEqualTo(1);
        assertThat(pins()).isZero();
        assertThat(run("history").stdout()).contains("unclear answer, TOTP secret");
    }

    @Test
    void anUnfamiliarAnswerAtThePinStepIsOneRequestThenStopped() throws Exception {
        app.set(CredentialField.PIN.environmentVariable(), simulator.account().credentials().pin().reveal());
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        simulator.faults().inject(FaultRule.always(LoginStep.PIN, new Fault.UnknownError(404)));

        assertThat(run("token").exitCode()).isEqualTo(4);
        assertThat(run("token").exitCode()).isEqualTo(4);
        try (AppProcess.Running headless = app.start("run", "--headless", "--login-window", "always", "--profile",
                profile)) {
            Poll.until("the headless renewer to stop", A_LOGIN,
                    () -> headless.stderrSoFar().contains("Automatic renewal of profile '" + profile + "' stopped"));
            headless.terminate();
        }

        assertThat(pins()).isEqualTo(1);
        assertThat(simulator.counters().requests(Endpoint.PIN_V3)).as("no older version got the PIN").isZero();
    }

    /**
     * Two confirmed retries of one rejection, the second given while the first is under way: the
     * first sends the PIN, Upstox rejects it again, and the second, which confirmed the earlier
     * rejection, sends nothing.
     */
    @Test
    void twoConfirmedRetriesAtOnceSendThePinOnce() throws Exception {
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        assertThat(run("token").exitCode()).isEqualTo(4);
        // The first retry is held at the PIN step while the second reads the rejection it confirms.
        simulator.faults().inject(FaultRule.next(1, LoginStep.PIN, new Fault.Delay(Duration.ofSeconds(8))));
        try (AppProcess.Running first = app.start("refresh", "--retry-rejected", "--verbose", "--profile", profile)) {
            Poll.until("the first retry to send the PIN", A_LOGIN, () -> pins() == 2);
            try (AppProcess.Running second = app.start("refresh", "--retry-rejected", "--verbose", "--profile",
                    profile)) {
                Poll.until("the second retry to confirm the rejection", A_LOGIN,
                        () -> second.stderrSoFar().contains("once, as confirmed"));
                assertThat(pins()).as("the first is still held").isEqualTo(2);

                AppProcess.Result one = first.await();
                AppProcess.Result other = second.await();
                assertThat(one.exitCode()).isEqualTo(4);
                assertThat(one.stderr()).contains("Upstox rejected the PIN");
                assertThat(other.exitCode()).isEqualTo(4);
                assertThat(other.stderr()).contains("another retry has been rejected since: the app sent nothing");
            }
        }
        assertThat(pins()).isEqualTo(2);
    }

    /**
     * A stop made 100 days ago, and its line in the history, still hold: the app keeps a stop
     * until the value changes, and pruning keeps each profile's latest rejection.
     */
    @Test
    void aRejectionOlderThan90DaysStillStops() throws Exception {
        assertThat(run("setup", "--from-env", "--no-test").exitCode()).isZero();
        Instant then = Instant.now().minus(Duration.ofDays(100));
        Clock longAgo = Clock.fixed(then, ZoneOffset.UTC);
        ProfileVault vault = new ProfileVault(keychain, new Profile(profile));
        UpstoxCredentials stored = vault.credentials().orElseThrow();
        LoginFailure failure = new LoginFailure(FailureKind.CREDENTIALS, LoginStep.PIN, "Upstox rejected the PIN at step 4"
                + " of 6 (check the PIN), 4 attempts left.", Optional.of(CredentialField.PIN), Optional.empty());
        String stopId = new RejectionStops(vault.stops(), new LoginLock(stateFolder().resolve("locks"), A_LOGIN), longAgo)
                .record(stored, EnumSet.allOf(CredentialField.class), failure).id();
        new LoginHistory(stateFolder().resolve("history.jsonl"), longAgo, changed -> {}).append(new Attempt(then,
                profile, Trigger.AUTOMATIC, Duration.ofMillis(300), List.of(), Optional.of(failure), Optional.empty(),
                Optional.empty(), Optional.of(stopId)));

        AppProcess.Result token = run("token");
        assertThat(token.exitCode()).isEqualTo(4);
        assertThat(token.stderr()).contains("rejected the PIN", "Until the credentials change");
        assertThat(run("refresh").exitCode()).isEqualTo(4);
        assertThat(run("history").stdout()).contains("rejected PIN");
        assertThat(pins()).isZero();
        assertThat(simulator.counters().requests(Endpoint.DIALOG)).isZero();
    }
}
