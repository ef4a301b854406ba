package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.Family;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeyringSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with several accounts, in this JVM against the real keychain and the
 * simulator over HTTP: the lists, and {@code --profile} before or after every command, where a
 * wrong name never gets another account's token.
 */
class AccountsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock MORNING = CliTest.morningInIst();
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+");

    private final Family three = Family.ofThree();
    private final List<String> profiles = three.profiles();
    private final List<SimulatedAccount> family = three.accounts();
    private UpstoxSimulator simulator;
    private CliRunner cli;

    @BeforeEach
    void setUpThreeAccounts(@TempDir Path home) throws Exception {
        RealEnvironment.requireKeychain();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(MORNING).withAccounts(family));
        cli = new CliRunner(home, () -> new KeyringSecretStore("upstox-token-tray-test"), MORNING).against(simulator);
        for (int i = 0; i < 3; i++) {
            CliRunner.Run setup = cli.withAccount(family.get(i)).run("setup", "--from-env", "--no-test", "--profile",
                    profiles.get(i)); // stored without a test login: no account has a token yet
            assertThat(setup.exitCode()).as(setup.err()).isZero();
        }
    }

    @AfterEach
    void forgetThem() {
        if (simulator != null) {
            profiles.forEach(profile -> cli.run("forget", "--profile", profile));
            simulator.close();
        }
    }

    @Test
    void accountsListsThemInOrderWithTheirUserAndState() throws Exception {
        assertThat(cli.run("--profile", profiles.get(1), "token").exitCode()).isZero();

        CliRunner.Run accounts = cli.run("accounts", "--json");

        assertThat(accounts.exitCode()).isZero();
        JsonNode list = JSON.readTree(accounts.out());
        assertThat(list.size()).as("the accounts set up, and no empty default beside them").isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(list.get(i).path("profile").asText()).isEqualTo(profiles.get(i));
            assertThat(list.get(i).path("label").asText()).isEmpty();
        }
        assertThat(list.get(1).path("state").asText()).isEqualTo("VALID");
        assertThat(list.get(1).path("userId").asText()).isEqualTo("SIM002");
        assertThat(list.get(1).path("userName").asText()).isEqualTo("Priya Sharma");
        assertThat(list.get(1).path("expiresAt").asText()).endsWith("+05:30");
        assertThat(list.get(0).path("state").asText()).isEqualTo("MISSING");
        assertThat(list.get(0).path("userId").isNull()).isTrue();
        assertThat(accounts.out()).doesNotContainPattern(JWT);

        assertThat(cli.run("accounts").out()).contains("PROFILE", profiles.get(1), "SIM002", "VALID", "03:30 IST");
    }

    @Test
    void statusAllIsAnArrayOfEachAccountsStatusAndHistoryAllHasEachAccountsLogins() throws Exception {
        cli.run("token", "--profile", profiles.get(0));
        cli.run("token", "--profile", profiles.get(2));

        CliRunner.Run all = cli.run("status", "--all", "--json");

        assertThat(all.exitCode()).isZero();
        JsonNode statuses = JSON.readTree(all.out());
        assertThat(statuses.isArray()).isTrue();
        assertThat(statuses.size()).isEqualTo(3);
        JsonNode one = JSON.readTree(cli.run("status", "--json", "--profile", profiles.get(2)).out());
        assertThat(statuses.get(2)).as("the same object as status --json of that account").isEqualTo(one);
        assertThat(statuses.get(2).path("userId").asText()).isEqualTo("SIM003");
        assertThat(statuses.get(1).path("state").asText()).isEqualTo("MISSING");
        assertThat(all.out()).doesNotContainPattern(JWT);

        CliRunner.Run history = cli.run("history", "--all");
        assertThat(history.exitCode()).isZero();
        assertThat(history.out()).contains(profiles.get(0) + ":", profiles.get(1) + ":", profiles.get(2) + ":",
                "0 attempts", "1 attempts, 1 succeeded");
        assertThat(JSON.readTree(cli.run("history", "--all", "--json").out()).size()).isEqualTo(3);
        assertThat(cli.run("status", "--all", "--profile", profiles.get(0)).exitCode()).as("one or all, not both")
                .isEqualTo(2);
    }

    @Test
    void profileBeforeOrAfterTheCommandNamesTheSameAccount() throws Exception {
        String before = cli.run("--profile", profiles.get(1), "token").out().strip();
        String after = cli.run("token", "--profile", profiles.get(1)).out().strip();

        assertThat(after).isEqualTo(before).matches(JWT);
        assertThat(JwtClaims.read(Secret.of(before)).orElseThrow().subject()).contains("SIM002");
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED, family.get(1))).isEqualTo(1);
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).as("no other account's login").isEqualTo(1);
        assertThat(JSON.readTree(cli.run("--profile", profiles.get(2), "status", "--json").out()).path("profile").asText())
                .isEqualTo(profiles.get(2));
        CliRunner.Run twice = cli.run("--profile", profiles.get(0), "token", "--profile", profiles.get(1));
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.out()).isEmpty();
        assertThat(cli.run("--profile", profiles.get(1), "token", "--profile", profiles.get(1)).out().strip())
                .isEqualTo(before);
    }

    @Test
    void anUnknownProfileExits3NamingTheAccountsBeforeOrAfterEveryCommandAndNoTokenComesOut() throws Exception {
        cli.run("token", "--profile", profiles.get(0)); // a stored token that must not come out for another name
        List<List<String>> commands = List.of(List.of("token"), List.of("refresh"), List.of("status"),
                List.of("status", "--json"), List.of("history"), List.of("history", "--json"), List.of("forget"),
                List.of("login", "--browser", "--no-open", "--timeout", "1s"), List.of("run", "--headless"),
                List.of("run"), List.of("accounts"), List.of("simulator"), List.of());
        for (List<String> command : commands) {
            for (boolean first : new boolean[] {true, false}) {
                List<String> args = new ArrayList<>();
                if (first) {
                    args.addAll(List.of("--profile", "nosuch"));
                }
                args.addAll(command);
                if (!first) {
                    args.addAll(List.of("--profile", "nosuch"));
                }
                CliRunner.Run run = cli.run(args.toArray(String[]::new));
                assertThat(run.exitCode()).as("%s: %s", args, run.err()).isEqualTo(3);
                assertThat(run.err()).as("%s", args).contains("There is no account 'nosuch'", profiles.get(0),
                        profiles.get(1), profiles.get(2));
                assertThat(run.out()).as("%s", args).isEmpty();
            }
        }
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("only the one login above").isEqualTo(1);
        assertThat(JSON.readTree(cli.run("status", "--json", "--profile", profiles.get(0)).out()).path("state").asText())
                .as("forget of an unknown name forgot nothing").isEqualTo("VALID");
    }
}
