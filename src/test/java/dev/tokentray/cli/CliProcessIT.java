package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.Fault;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.testsupport.SimulatorLoginPage;
import dev.tokentray.token.JwtClaims;
import dev.tokentray.token.Secret;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as separate processes: what a script sees, and what the app leaves behind. */
class CliProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Secrets no log line could hold by chance. */
    private static final Map<CredentialField, String> DISTINCT = Map.of(
            CredentialField.PIN, "864209",
            CredentialField.TOTP_SECRET, "KRUGKIDROVUWG2ZAMJZG653OEBTG66BANJ2W24DTEBXXMZLS",
            CredentialField.CLIENT_SECRET, "leak-check-api-secret-7f3a9");

    private static final String PASTE_REDIRECT_URI = "https://trader.example/upstox/callback";
    private static final Pattern ADDRESS = Pattern.compile("^  (http\\S+)$", Pattern.MULTILINE);

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private AppProcess app;
    private Path home;

    @BeforeEach
    void start(@TempDir Path home) throws Exception {
        this.home = home;
        RealEnvironment.requireKeychain();
        Map<CredentialField, String> fields = SimulatedAccount.defaults().credentials().toFields();
        fields.putAll(DISTINCT);
        // Its own mobile number: the stops of the rejection below belong to the account, not the profile.
        fields.put(CredentialField.MOBILE, TestAccounts.withOwnMobile().credentials().mobileNumber());
        // Not a loopback address: `login --browser` reads the address the browser ended on from stdin.
        fields.put(CredentialField.REDIRECT_URI, PASTE_REDIRECT_URI);
        SimulatedAccount account = new SimulatedAccount(UpstoxCredentials.parse(fields),
                SimulatedAccount.DEFAULT_USER_ID, SimulatedAccount.DEFAULT_USER_NAME, SimulatedAccount.DEFAULT_EMAIL);
        // Eight-hour tokens: no test here depends on how near 03:30 IST it runs.
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC())
                .withAccount(account)
                .withTokenLifetime(Duration.ofHours(8)));
        app = new AppProcess(home).against(simulator);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            app.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    @Test
    void setupTokenStatusForgetAsAScriptUsesThem() throws Exception {
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();

        AppProcess.Result token = app.run("token", "--profile", profile);
        assertThat(token.exitCode()).isZero();
        Secret issued = Secret.of(token.stdout().strip());
        assertThat(token.stdout()).isEqualTo(issued.reveal() + "\n");
        assertThat(JwtClaims.read(issued).orElseThrow().subject()).contains(SimulatedAccount.DEFAULT_USER_ID);

        AppProcess.Result status = app.run("status", "--json", "--profile", profile);
        JsonNode json = JSON.readTree(status.stdout());
        assertThat(OffsetDateTime.parse(json.path("expiresAt").asText()).toInstant())
                .isEqualTo(JwtClaims.read(issued).orElseThrow().expiresAt().orElseThrow());
        assertThat(json.path("state").asText()).isEqualTo("VALID");

        assertThat(app.run("forget", "--profile", profile).exitCode()).isZero();
        assertThat(JSON.readTree(app.run("status", "--json", "--profile", profile).stdout()).path("state").asText())
                .isEqualTo("MISSING");
    }

    @Test
    void withoutAKeychainEveryCommandExitsWith6AndSaysHowToFixIt(@TempDir Path nowhere) throws Exception {
        app.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + nowhere.resolve("no-bus"));
        for (String command : List.of("status", "token", "setup")) {
            AppProcess.Result result = command.equals("setup")
                    ? app.run("setup", "--from-env", "--profile", profile)
                    : app.run(command, "--profile", profile);
            assertThat(result.exitCode()).as(command).isEqualTo(6);
            assertThat(result.stderr()).contains("No keychain found", "GNOME Keyring");
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void aValidationErrorIsPrintedOnceWithoutALogPrefix() throws Exception {
        AppProcess.Result setup = app.set(CredentialField.PIN.environmentVariable(), "12")
                .run("setup", "--from-env", "--profile", profile);
        assertThat(setup.exitCode()).isEqualTo(2);
        assertThat(setup.stderr().split("UPSTOX_PIN_CODE", -1)).as(setup.stderr()).hasSize(2);
        assertThat(setup.stderr()).doesNotContain("WARN", "[main]");
    }

    /**
     * {@code simulator} says how to log in to it: its address and its account's values, the fixed
     * public ones of the README; a value taken from the environment (maybe a trader's own) is named,
     * never printed.
     */
    @Test
    void theSimulatorPrintsItsDefaultAccountButNeverAValueFromTheEnvironment() throws Exception {
        try (AppProcess.Running defaults = new AppProcess(home).start("simulator")) {
            Poll.until("the simulator's account on stdout", Duration.ofSeconds(30),
                    () -> defaults.stdoutSoFar().contains("then run `upstox-token-tray setup --from-env`"));
            assertThat(defaults.stdoutSoFar()).startsWith("listening on http://127.0.0.1:").contains(
                    "UPSTOX_API_BASE_URL=http://127.0.0.1:", "UPSTOX_USERNAME=" + SimulatedAccount.DEFAULT_MOBILE,
                    "UPSTOX_PIN_CODE=" + SimulatedAccount.DEFAULT_PIN,
                    "UPSTOX_TOTP_SECRET=" + SimulatedAccount.DEFAULT_TOTP_SECRET,
                    "UPSTOX_CLIENT_ID=" + SimulatedAccount.DEFAULT_CLIENT_ID,
                    "UPSTOX_CLIENT_SECRET=" + SimulatedAccount.DEFAULT_CLIENT_SECRET,
                    "UPSTOX_REDIRECT_URI=" + SimulatedAccount.DEFAULT_REDIRECT_URI);
        }
        try (AppProcess.Running own = app.start("simulator")) {
            Poll.until("the simulator's account on stdout", Duration.ofSeconds(30),
                    () -> own.stdoutSoFar().contains("then run"));
            assertThat(own.stdoutSoFar()).contains("UPSTOX_PIN_CODE (from your environment)")
                    .doesNotContain(DISTINCT.values());
        }
    }

    /**
     * The leak test: every command, with debug logging, through a success and through failures;
     * then no PIN, TOTP secret, API secret or access token in any output but {@code token}'s
     * stdout, nor in any file the app wrote; and every such file owner-only.
     */
    @Test
    void noSecretReachesALogAFileOrAnOutput() throws Exception {
        List<AppProcess.Result> outputs = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        outputs.add(app.run("setup", "--from-env", "--verbose", "--profile", profile));
        AppProcess.Result token = app.run("token", "--verbose", "--profile", profile);
        tokens.add(token.stdout().strip());
        outputs.add(new AppProcess.Result(token.exitCode(), "", token.stderr()));
        outputs.add(app.run("refresh", "--verbose", "--profile", profile));
        tokens.add(app.run("token", "--profile", profile).stdout().strip());
        outputs.add(app.run("status", "--verbose", "--profile", profile));
        outputs.add(app.run("status", "--json", "--verbose", "--profile", profile));
        simulator.faults().inject(FaultRule.always(LoginStep.TOKEN_EXCHANGE, new Fault.BotWall()));
        outputs.add(app.run("refresh", "--verbose", "--profile", profile));
        simulator.faults().clear();
        outputs.add(app.set(CredentialField.PIN.environmentVariable(), "111111")
                .run("setup", "--from-env", "--verbose", "--profile", profile));
        outputs.add(app.run("refresh", "--verbose", "--profile", profile));

        assertThat(tokens).hasSize(2).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).startsWith("eyJ"));
        // setup tests the values it stores: the wrong PIN is refused (4), and the stored right one still works.
        assertThat(outputs).extracting(AppProcess.Result::exitCode).containsExactly(0, 0, 0, 0, 0, 7, 4, 0);
        List<String> secrets = new ArrayList<>(DISTINCT.values());
        secrets.add(Base64.getEncoder().encodeToString("864209".getBytes(StandardCharsets.UTF_8)));
        secrets.addAll(tokens);
        for (AppProcess.Result output : outputs) {
            assertThat(output.stdout() + output.stderr()).doesNotContain(secrets);
        }
        assertThat(String.join("", outputs.stream().map(AppProcess.Result::stderr).toList()))
                .as("debug logging was on").contains("step 4 of 6 (check the PIN) took");

        List<Path> written = filesUnder(home);
        assertThat(written).as("the app wrote its log").anyMatch(path -> path.endsWith("upstox-token-tray.log"));
        for (Path file : written) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secrets);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }

    /**
     * The browser login as a terminal runs it: the address on stderr, the trader's login on the
     * simulator's page, the address the browser ended on pasted on stdin; the code it carried
     * reaches no output and no file.
     */
    @Test
    void loginWithTheBrowserReadsThePastedAddressAndKeepsTheCodeToItself() throws Exception {
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
        AppProcess.Result login;
        String code;
        try (AppProcess.Running running = app.startTyping("login", "--browser", "--no-open", "--verbose",
                "--profile", profile)) {
            Poll.until("the address on stderr", Duration.ofSeconds(30), () -> ADDRESS.matcher(running.stderrSoFar()).find());
            Matcher address = ADDRESS.matcher(running.stderrSoFar());
            assertThat(address.find()).isTrue();
            UpstoxCredentials account = simulator.account().credentials();
            URI ended = new SimulatorLoginPage().logIn(URI.create(address.group(1)), account.mobileNumber(),
                    Totp.fromBase32(account.totpSecret()).codeAt(Clock.systemUTC().instant()), account.pin().reveal());
            assertThat(ended.toString()).startsWith(PASTE_REDIRECT_URI + "?code=");
            code = ended.getQuery().replaceAll("^code=([^&]+).*$", "$1");
            running.type(ended.toString());
            login = running.await();
        }

        assertThat(login.exitCode()).as(login.stderr()).isZero();
        assertThat(login.stdout()).isEmpty();
        assertThat(login.stderr()).contains("Paste the whole address", "Logged in with the browser").doesNotContain(code);
        JsonNode status = JSON.readTree(app.run("status", "--json", "--profile", profile).stdout());
        assertThat(status.path("state").asText()).isEqualTo("VALID");
        assertThat(status.path("lastAttempt").path("trigger").asText()).isEqualTo("BROWSER");
        for (Path file : filesUnder(home)) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(code);
        }
    }

    private static List<Path> filesUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
