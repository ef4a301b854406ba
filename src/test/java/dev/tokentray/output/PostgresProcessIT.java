package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.testsupport.TestPostgres;
import dev.tokentray.upstox.CredentialField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail as the packaged jar writes it, against the test command's real PostgreSQL and
 * 20-second tokens: the headless renewer's logins as rows, the database stopped mid-run while the
 * renewal and a token file go on, a rejected login's row, and the password nowhere but the keychain.
 */
class PostgresProcessIT {
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration A_LOGIN = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @TempDir
    Path bot;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private String database;
    private UpstoxSimulator simulator;
    private AppProcess app;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        RealEnvironment.requirePostgres();
        database = TestPostgres.newDatabase("it");
        // The stops of a rejection outlive the profile: an account of this test's own.
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC())
                .withAccount(TestAccounts.withOwnMobile()).withTokenLifetime(LIFETIME));
        app = new AppProcess(home).against(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        if (!TestPostgres.answers()) {
            TestPostgres.start(); // however this test ended, the next finds it running
        }
        if (simulator != null) {
            app.run("outputs", "remove", "--profile", profile, "postgres-1"); // and its password, from the keychain
            app.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    @Test
    void eachLoginIsARowAndTheDatabaseStoppedMidRunDelaysNothingAndGetsItsRowsOnceBack() throws Exception {
        // No test login: the logins below are the first, and each is a row.
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        Path env = bot.resolve(".env");
        assertThat(app.run("outputs", "add", "file", "--profile", profile, "--format", "dotenv", env.toString())
                .exitCode()).isZero();
        AppProcess.Result added = addPostgres();
        assertThat(added.exitCode()).as(added.stderr()).isZero();

        try (AppProcess.Running renewer = app.start("run", "--headless", "--login-window", "always", "--profile", profile)) {
            Poll.until("the first login's rows", A_LOGIN, () -> count("upstox_login_attempts") == 1
                    && count("upstox_tokens") == 1 && tokenIn(env).isPresent());
            Map<String, String> attempt = rows("SELECT user_id, trigger, outcome, failure_class, duration_ms, host,"
                    + " profile FROM upstox_login_attempts").getFirst();
            assertThat(attempt).containsEntry("user_id", simulator.account().userId())
                    .containsEntry("trigger", "automatic").containsEntry("outcome", "success")
                    .containsEntry("failure_class", null).containsEntry("profile", profile);
            assertThat(Long.parseLong(attempt.get("duration_ms"))).isPositive();
            assertThat(attempt.get("host")).isNotBlank();
            Map<String, String> token = rows("SELECT user_id, trigger, access_token, expires_at > issued_at AS ordered"
                    + " FROM upstox_tokens").getFirst();
            assertThat(token).containsEntry("user_id", simulator.account().userId()).containsEntry("trigger", "automatic")
                    .containsEntry("access_token", null).containsEntry("ordered", "t");
            String first = tokenIn(env).orElseThrow();

            TestPostgres.stop();
            Poll.until("the second token in the file, on time", LIFETIME.plus(A_LOGIN),
                    () -> tokenIn(env).filter(value -> !value.equals(first)).isPresent());
            Poll.until("the database's trouble told", A_LOGIN, () -> renewer.stderrSoFar()
                    .contains("Could not hand the token to PostgreSQL at 127.0.0.1:" + TestPostgres.port()));

            TestPostgres.start();
            Poll.until("the second login's rows, once the database is back", A_LOGIN.plus(Duration.ofSeconds(30)),
                    () -> count("upstox_login_attempts") == 2 && count("upstox_tokens") == 2);

            renewer.terminate();
            String log = renewer.await().stderr();
            assertThat(occurrences(log, "Could not hand the token to PostgreSQL")).as("the outage, told once")
                    .isEqualTo(1);
            assertThat(log).doesNotContain(TestPostgres.password().reveal());
        }
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).as("one login per token").isEqualTo(2);

        AppProcess.Result list = app.run("outputs", "list", "--profile", profile);
        assertThat(list.stdout()).contains("postgres-1", "jdbc:postgresql://127.0.0.1:" + TestPostgres.port() + "/"
                + database).doesNotContain(TestPostgres.password().reveal());
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TestPostgres.password().reveal());
            }
        }
    }

    @Test
    void withStoreTokenTheTokensRowHoldsTheToken() throws Exception {
        // No test login: the logins below are the first, and each is a row.
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        AppProcess.Result added = addPostgres("--store-token");
        assertThat(added.exitCode()).as(added.stderr()).isZero();

        AppProcess.Result token = app.run("token", "--profile", profile);

        assertThat(token.exitCode()).as(token.stderr()).isZero();
        assertThat(rows("SELECT access_token, trigger FROM upstox_tokens")).singleElement()
                .isEqualTo(Map.of("access_token", token.stdout().strip(), "trigger", "on_demand"));
        assertThat(rows("SELECT outcome, trigger, user_id FROM upstox_login_attempts")).as("one row: not once"
                + " from the history and once with the token").singleElement().isEqualTo(Map.of("outcome", "success",
                        "trigger", "on_demand", "user_id", simulator.account().userId()));
    }

    @Test
    void aCommandsRejectedLoginIsARowAndTheRefusalOfTheNextCommandIsNone() throws Exception {
        app.set(CredentialField.PIN.environmentVariable(), "111111");
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        assertThat(addPostgres().exitCode()).isZero();

        AppProcess.Result rejected = app.run("token", "--profile", profile);

        assertThat(rejected.exitCode()).as(rejected.stderr()).isEqualTo(4);
        assertThat(rows("SELECT outcome, failure_class, failure_step, trigger FROM upstox_login_attempts"))
                .as("written before the command exited").singleElement().isEqualTo(Map.of("outcome", "rejected",
                        "failure_class", "credentials", "failure_step", "pin", "trigger", "on_demand"));
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        AppProcess.Result refused = app.run("token", "--profile", profile);

        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(4);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("the rejected PIN, not sent again").isEqualTo(1);
        assertThat(count("upstox_login_attempts")).as("a refusal sends nothing to Upstox: no attempt").isEqualTo(1);
        assertThat(count("upstox_tokens")).isZero();
    }

    @Test
    void aRejectedLoginIsARowWithOutcomeRejectedAndThePinIsSentOnce() throws Exception {
        app.set(CredentialField.PIN.environmentVariable(), "111111");
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        assertThat(addPostgres().exitCode()).isZero();

        try (AppProcess.Running renewer = app.start("run", "--headless", "--login-window", "always", "--profile", profile)) {
            Poll.until("the rejected login's row", A_LOGIN, () -> count("upstox_login_attempts") == 1);
            renewer.terminate();
        }

        assertThat(rows("SELECT outcome, failure_class, failure_step, trigger FROM upstox_login_attempts"))
                .singleElement().isEqualTo(Map.of("outcome", "rejected", "failure_class", "credentials",
                        "failure_step", "pin", "trigger", "automatic"));
        assertThat(count("upstox_tokens")).isZero();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
    }

    private AppProcess.Result addPostgres(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("outputs", "add", "postgres", "--profile", profile,
                "--password-stdin"));
        args.addAll(List.of(options));
        args.add(TestPostgres.url(database));
        try (AppProcess.Running adding = app.startTyping(args.toArray(String[]::new))) {
            adding.type(TestPostgres.password().reveal());
            return adding.await();
        }
    }

    private List<Map<String, String>> rows(String sql) throws SQLException {
        boolean tablesMade = "t".equals(TestPostgres.rows(database, "SELECT to_regclass('upstox_tokens') IS NOT NULL AS made")
                .getFirst().get("made"));
        return tablesMade ? TestPostgres.rows(database, sql) : List.of();
    }

    private long count(String table) throws SQLException {
        List<Map<String, String>> rows = rows("SELECT count(*) AS n FROM " + table);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.getFirst().get("n"));
    }

    private static Optional<String> tokenIn(Path env) throws Exception {
        if (!Files.exists(env)) {
            return Optional.empty();
        }
        return Files.readAllLines(env).stream().filter(line -> line.startsWith("UPSTOX_ACCESS_TOKEN="))
                .map(line -> line.substring("UPSTOX_ACCESS_TOKEN=".length())).findFirst();
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
