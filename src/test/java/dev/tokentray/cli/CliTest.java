package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.KeyringSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end in this JVM: the real keychain, the simulator over HTTP, exit codes. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mid-morning in IST, so that no token is near its 03:30 expiry whenever the test runs. */
    private static final Clock MORNING = morningInIst();

    private final String profile = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private CliRunner cli;

    @BeforeEach
    void start(@TempDir Path home) throws Exception {
        RealEnvironment.requireKeychain();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(MORNING).withAccount(TestAccounts.withOwnMobile()));
        cli = new CliRunner(home, () -> new KeyringSecretStore(TestKeychain.SERVICE), MORNING)
                .against(simulator);
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            cli.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    static Clock morningInIst() {
        Clock system = Clock.systemUTC();
        Instant tenAm = LocalDate.now(system.withZone(TokenExpiry.IST)).atTime(10, 0).atZone(TokenExpiry.IST).toInstant();
        return Clock.offset(system, Duration.between(system.instant(), tenAm));
    }

    private CliRunner.Run run(String command, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = command;
        args[1] = "--profile";
        args[2] = profile;
        System.arraycopy(more, 0, args, 3, more.length);
        return cli.run(args);
    }

    @Test
    void setupThenTokenPrintsTheTokenTheSimulatorIssuedAndStatusShowsItsExp() throws Exception {
        assertThat(run("setup", "--from-env").exitCode()).isZero();

        CliRunner.Run token = run("token");

        assertThat(token.exitCode()).isZero();
        assertThat(token.out()).endsWith("\n").doesNotContain(" ");
        Secret issued = Secret.of(token.out().strip());
        JwtClaims claims = JwtClaims.read(issued).orElseThrow();
        assertThat(claims.subject()).contains(simulator.account().userId());
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);

        JsonNode status = JSON.readTree(run("status", "--json").out());
        assertThat(status.path("profile").asText()).isEqualTo(profile);
        assertThat(status.path("state").asText()).isEqualTo("VALID");
        assertThat(OffsetDateTime.parse(status.path("expiresAt").asText()).toInstant())
                .isEqualTo(claims.expiresAt().orElseThrow());
        assertThat(status.path("expiresAt").asText()).endsWith("+05:30");
        assertThat(status.path("userId").asText()).isEqualTo(simulator.account().userId());
        assertThat(status.path("userName").asText()).isEqualTo(simulator.account().userName());
        assertThat(status.toString()).doesNotContain(issued.reveal());
    }

    @Test
    void tokenReusesAValidTokenInsteadOfLoggingInAgain() {
        run("setup", "--from-env");
        String first = run("token").out();
        String second = run("token").out();
        assertThat(second).isEqualTo(first);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void refreshLogsInAgainAndNeverPrintsTheToken() {
        run("setup", "--from-env");
        String before = run("token").out().strip();

        CliRunner.Run refresh = run("refresh");

        assertThat(refresh.exitCode()).isZero();
        assertThat(refresh.out()).contains("Renewed the token", simulator.account().userId(), "03:30 IST");
        String after = run("token").out().strip();
        assertThat(after).isNotEqualTo(before);
        assertThat(refresh.out() + refresh.err()).doesNotContain(after, before);
    }

    @Test
    void statusAndForgetWithoutAToken() throws Exception {
        run("setup", "--from-env", "--no-test");
        JsonNode status = JSON.readTree(run("status", "--json").out());
        assertThat(status.path("state").asText()).isEqualTo("MISSING");
        assertThat(status.path("expiresAt").isNull()).isTrue();
        assertThat(status.path("credentialsStored").asBoolean()).isTrue();

        run("token");
        CliRunner.Run forget = run("forget");
        assertThat(forget.exitCode()).isZero();
        JsonNode after = JSON.readTree(run("status", "--json").out());
        assertThat(after.path("state").asText()).isEqualTo("MISSING");
        assertThat(after.path("credentialsStored").asBoolean()).isFalse();
        assertThat(run("status").out()).contains("Token:        none", "none: run `setup --from-env --profile " + profile + "`");
    }

    @Test
    void badInputExitsWith2AndNamesTheVariable() {
        CliRunner.Run setup = cli.with(CredentialField.PIN, "12").without(CredentialField.TOTP_SECRET)
                .run("setup", "--from-env", "--profile", profile);
        assertThat(setup.exitCode()).isEqualTo(2);
        assertThat(setup.err()).contains("UPSTOX_PIN_CODE", "UPSTOX_TOTP_SECRET").doesNotContain("12\n");
        assertThat(cli.run("token", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(cli.run("status", "--profile", "Not A Profile").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnknownProfileAndAnAccountWithoutCredentialsExitWith3() {
        CliRunner.Run unknown = run("token");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("There is no account '" + profile + "'",
                "setup --from-env --profile " + profile);
        assertThat(unknown.out()).isEmpty();

        run("setup", "--from-env");
        run("forget");
        CliRunner.Run forgotten = run("token");
        assertThat(forgotten.exitCode()).isEqualTo(3);
        assertThat(forgotten.err()).contains("No Upstox credentials", "setup --from-env");
        assertThat(forgotten.out()).isEmpty();
    }

    @Test
    void setupTestsTheValuesWithOneLoginAndStoresThemWithTheTokenOnlyWhenUpstoxAcceptedThem() throws Exception {
        CliRunner.Run setup = run("setup", "--from-env");

        assertThat(setup.exitCode()).isZero();
        assertThat(setup.out()).startsWith("Logged in as " + simulator.account().userName() + " (SIM001) and stored")
                .contains("the token is valid until");
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);
        assertThat(JSON.readTree(run("status", "--json").out()).path("state").asText()).isEqualTo("VALID");
        assertThat(run("token").exitCode()).isZero();
        assertThat(run("setup", "--from-env").out()).as("a bot's next start").contains("nothing to test");
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
    }

    @Test
    void aRejectedPinExitsWith4NamingTheVariableStoresNothingAndIsRefusedWithoutARequestUntilConfirmed() {
        cli.with(CredentialField.PIN, "111111");
        CliRunner.Run setup = run("setup", "--from-env");

        assertThat(setup.exitCode()).isEqualTo(4);
        assertThat(setup.err()).contains("Upstox rejected the PIN", "does not retry", "Nothing was stored",
                "Correct UPSTOX_PIN_CODE", "--retry-rejected").doesNotContain("in the settings", "111111");
        assertThat(setup.out()).isEmpty();
        assertThat(run("token").exitCode()).as("nothing stored").isEqualTo(3);

        CliRunner.Run again = run("setup", "--from-env");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).contains("Until the credentials change", "Nothing was stored");
        CliRunner.Run offline = run("setup", "--from-env", "--no-test");
        assertThat(offline.exitCode()).isEqualTo(4);
        assertThat(offline.err()).contains("Upstox rejected these values at ");
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        assertThat(run("setup", "--from-env", "--retry-rejected").exitCode()).isEqualTo(4);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("one confirmation, one login").isEqualTo(2);
    }

    @Test
    void aRejectedPinStoredWithoutATestExitsTokenWith4AfterExactlyOneAttemptAndStatusSaysWhyOnce() {
        cli.with(CredentialField.PIN, "111111");
        run("setup", "--from-env", "--no-test");

        CliRunner.Run token = run("token");

        assertThat(token.exitCode()).isEqualTo(4);
        assertThat(token.err()).contains("Upstox rejected the PIN", "does not retry", "setup --from-env",
                "refresh --retry-rejected").doesNotContain("in the settings");
        assertThat(token.out()).isEmpty();
        assertThat(run("token").err()).contains("Until the credentials change");
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        String status = run("status").out();
        assertThat(status.split("rejected the PIN", -1)).as("the reason, once").hasSize(2);
        assertThat(status).contains("Next renewal: stopped.", "What to do:", "refresh --retry-rejected");
        assertThat(run("history").out()).contains("rejected PIN").doesNotContain("CREDENTIALS");
    }

    /** The schedule's approval requests are not held by a rejected PIN, but `refresh` logs in with it. */
    @Test
    void refreshRetryRejectedConfirmsTheRejectedPinWhateverTheLoginMethod() {
        cli.with(CredentialField.PIN, "111111");
        assertThat(run("setup", "--from-env", "--login-method", "approval").exitCode()).isZero();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("no test login for the approval method").isZero();

        assertThat(run("refresh").exitCode()).isEqualTo(4);
        assertThat(run("refresh").exitCode()).as("refused without a request").isEqualTo(4);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        assertThat(run("refresh", "--retry-rejected").exitCode()).isEqualTo(4);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("one confirmation, one login").isEqualTo(2);
        assertThat(run("token").exitCode()).as("the approval method: no PIN by itself").isEqualTo(9);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(2);
    }

    @Test
    void timesInStatusJsonCarryIstsOffset() throws Exception {
        cli.with(CredentialField.PIN, "111111");
        run("setup", "--from-env", "--no-test");
        run("token");
        JsonNode status = JSON.readTree(run("status", "--json").out());
        assertThat(status.path("lastAttempt").path("time").asText()).endsWith("+05:30");
        assertThat(status.path("stoppedBecause").asText()).contains("rejected the PIN");
    }

    @Test
    void aServiceFaultExitsWith5AndAnUnreachableServiceToo() {
        run("setup", "--from-env", "--no-test");
        simulator.faults().inject(FaultRule.next(1, LoginStep.OTP_GENERATE, new Fault.Status(503)));
        assertThat(run("token").exitCode()).isEqualTo(5);

        simulator.close();
        CliRunner.Run unreachable = run("token");
        assertThat(unreachable.exitCode()).isEqualTo(5);
        assertThat(unreachable.err()).contains("no connection", "Check the internet connection");
    }

    @Test
    void aBotWallExitsWith7AndPointsToTheBrowser() {
        run("setup", "--from-env", "--no-test");
        simulator.faults().inject(FaultRule.always(LoginStep.PIN, new Fault.BotWall()));
        CliRunner.Run token = run("token");
        assertThat(token.exitCode()).isEqualTo(7);
        assertThat(token.err()).contains("bot protection", "step 4 of 6");
    }

    @Test
    void statusShowsTheExpiryInIst() {
        run("setup", "--from-env");
        run("token");
        assertThat(run("status").out())
                .contains("Profile:      " + profile, "valid, ", " left", "03:30 IST", simulator.account().userName());
        assertThat(TokenExpiry.IST.getId()).isEqualTo("Asia/Kolkata");
    }
}
