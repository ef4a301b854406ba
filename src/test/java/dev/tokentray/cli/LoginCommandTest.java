package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestKeychain;
import dev.tokentray.testsupport.SimulatorLoginPage;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeyringSecretStore;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login --browser} in this JVM with the real keychain, against the simulator over HTTP; the
 * trader's part is the simulator's login page, filled in over HTTP (the real browser's is
 * {@code BrowserLoginIT}).
 */
class LoginCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock MORNING = CliTest.morningInIst();
    private static final Pattern ADDRESS = Pattern.compile("^  (http\\S+)$", Pattern.MULTILINE);

    private final String profile = "login-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path home;
    private UpstoxSimulator simulator;
    private CliRunner cli;

    @AfterEach
    void stop() {
        if (simulator != null) {
            cli.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    /** The simulator and the stored credentials, with this redirect URI registered. */
    private void start(String redirectUri) throws Exception {
        RealEnvironment.requireKeychain();
        Map<CredentialField, String> fields = SimulatedAccount.defaults().credentials().toFields();
        fields.put(CredentialField.REDIRECT_URI, redirectUri);
        SimulatedAccount account = new SimulatedAccount(UpstoxCredentials.parse(fields), SimulatedAccount.DEFAULT_USER_ID,
                SimulatedAccount.DEFAULT_USER_NAME, SimulatedAccount.DEFAULT_EMAIL);
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(MORNING).withAccount(account));
        cli = new CliRunner(home, () -> new KeyringSecretStore(TestKeychain.SERVICE), MORNING).against(simulator);
        assertThat(cli.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
    }

    private static String loopbackRedirect() throws Exception {
        return "http://127.0.0.1:" + FreePort.pick() + "/callback";
    }

    /** {@code login --browser --no-open} on its own thread, as a terminal runs it. */
    private CompletableFuture<CliRunner.Run> login(BufferedReader in, StringWriter err, String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"login", "--browser", "--no-open", "--profile=" + profile}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return CompletableFuture.supplyAsync(() -> cli.run(in, err, args));
    }

    /** Waits for the address the command prints, and logs in there: where the page sent the browser. */
    private URI logInAtThePrintedAddress(StringWriter err) throws Exception {
        Poll.until("the address on stderr", Duration.ofSeconds(20), () -> ADDRESS.matcher(err.toString()).find());
        Matcher address = ADDRESS.matcher(err.toString());
        assertThat(address.find()).isTrue();
        UpstoxCredentials account = simulator.account().credentials();
        return new SimulatorLoginPage().logIn(URI.create(address.group(1)), account.mobileNumber(),
                Totp.fromBase32(account.totpSecret()).codeAt(MORNING.instant()), account.pin().reveal());
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(cli.run("status", "--json", "--profile", profile).out());
    }

    @Test
    void withoutBrowserItSaysWhichCommandToRun() throws Exception {
        start(loopbackRedirect());
        CliRunner.Run run = cli.run("login", "--profile", profile);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat(run.err()).contains("run `login --browser`", "run `refresh`");
    }

    @Test
    void withALoopbackRedirectItWaitsForTheBrowserAndStoresTheToken() throws Exception {
        start(loopbackRedirect());
        StringWriter err = new StringWriter();
        CompletableFuture<CliRunner.Run> running = login(new BufferedReader(Reader.nullReader()), err);

        URI ended = logInAtThePrintedAddress(err);
        assertThat(new SimulatorLoginPage().get(ended).body()).contains("You can close this tab");
        CliRunner.Run run = running.get(20, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as("stdout is for the token of `token` alone").isEmpty();
        assertThat(run.err()).contains("waits up to 5 min for the browser to come back to " + simulator.account().redirectUri(),
                "Logged in with the browser: the token of profile '" + profile + "'")
                .doesNotContain("code=");
        JsonNode status = status();
        assertThat(status.path("state").asText()).isEqualTo("VALID");
        assertThat(status.path("lastAttempt").path("trigger").asText()).isEqualTo("BROWSER");
    }

    @Test
    void withAnotherRedirectItReadsThePastedAddress() throws Exception {
        start("https://trader.example/upstox/callback");
        PipedWriter typing = new PipedWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<CliRunner.Run> running = login(new BufferedReader(new PipedReader(typing)), err);

        URI ended = logInAtThePrintedAddress(err);
        typing.write(ended + "\n");
        typing.flush();
        CliRunner.Run run = running.get(20, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Paste the whole address", "Logged in with the browser");
        assertThat(status().path("state").asText()).isEqualTo("VALID");
    }

    @Test
    void aPastedAddressWithoutACodeEndsWithCode8AndNoToken() throws Exception {
        start("https://trader.example/upstox/callback");
        CliRunner.Run run = cli.run(new BufferedReader(Reader.nullReader()), new StringWriter(),
                "login", "--browser", "--no-open", "--profile", profile);
        assertThat(run.exitCode()).isEqualTo(ExitCode.LOGIN_UNFINISHED.code);
        assertThat(run.err()).contains("Nothing was pasted.");
        assertThat(status().path("state").asText()).isEqualTo("MISSING");
    }

    @Test
    void aBrowserThatDoesNotComeBackEndsWithCode8AtTheTimeout() throws Exception {
        start(loopbackRedirect());
        CliRunner.Run run = login(new BufferedReader(Reader.nullReader()), new StringWriter(), "--timeout", "1s")
                .get(20, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCode.LOGIN_UNFINISHED.code);
        assertThat(run.err()).contains("did not come back to " + simulator.account().redirectUri() + " within 1 s");
    }

    @Test
    void afterABlockedLoginTheBrowserLoginGetsATokenAndTheAutomaticLoginTriesAgainTheNextDay() throws Exception {
        start(loopbackRedirect());
        simulator.faults().inject(FaultRule.parse("pin=html"));
        CliRunner.Run blocked = cli.run("refresh", "--profile", profile);
        assertThat(blocked.exitCode()).isEqualTo(ExitCode.BLOCKED_OR_CHANGED.code);
        assertThat(blocked.err()).contains("Meanwhile you can log in with the browser.");

        StringWriter err = new StringWriter();
        CompletableFuture<CliRunner.Run> running = login(new BufferedReader(Reader.nullReader()), err);
        new SimulatorLoginPage().get(logInAtThePrintedAddress(err));
        CliRunner.Run run = running.get(20, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Logged in with the browser; the automatic login tries again at 05:30 IST");
        assertThat(status().path("state").asText()).isEqualTo("VALID");
        assertThat(cli.run("status", "--profile", profile).out())
                .contains("Logged in with the browser; the automatic login tries again at 05:30 IST");
    }
}
