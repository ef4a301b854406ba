package dev.tokentray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.platform.BrowserOpener;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.Chromium;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole browser login with a real browser: {@code login --browser} as its own process opens
 * the address with its {@link BrowserOpener} command (here a script that hands it to the test),
 * headless Chromium, driven by Selenium, logs in on the simulator's page, and the app's loopback
 * listener takes the code; then {@code status} shows the new token.
 */
class BrowserLoginIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String profile = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path home;
    private UpstoxSimulator simulator;
    private AppProcess app;
    private Chromium chromium;
    private Path opened;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        chromium = Chromium.start();
        Map<CredentialField, String> fields = SimulatedAccount.defaults().credentials().toFields();
        fields.put(CredentialField.REDIRECT_URI, "http://127.0.0.1:" + FreePort.pick() + "/callback");
        SimulatedAccount account = new SimulatedAccount(UpstoxCredentials.parse(fields), SimulatedAccount.DEFAULT_USER_ID,
                SimulatedAccount.DEFAULT_USER_NAME, SimulatedAccount.DEFAULT_EMAIL);
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC())
                .withAccount(account)
                .withTokenLifetime(Duration.ofHours(8)));
        opened = home.resolve("opened-address");
        app = new AppProcess(home).against(simulator)
                .set(BrowserOpener.COMMAND_VARIABLE, browserScript(opened).toString());
        // Stored without a test login: the logins under test are the browser's.
        assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (simulator != null) {
            app.run("forget", "--profile", profile);
            simulator.close();
        }
    }

    /** The "browser" the app opens: writes the address where the test finds it, for Chromium to go to. */
    private Path browserScript(Path target) throws Exception {
        Path script = home.resolve("open-in-test-browser.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"$1\" > '" + target + ".part' && mv '" + target + ".part' '"
                + target + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The trader at the browser: the address the app opened, the form filled in, the tab the app answered. */
    private String logInWithChromium() throws Exception {
        Poll.until("the app to open the browser", Duration.ofSeconds(30), () -> Files.exists(opened));
        String address = Files.readString(opened);
        assertThat(address).as("a one-time local address, never the login's state on a command line")
                .startsWith("http://127.0.0.1:").doesNotContain("state");
        ChromeDriver browser = chromium.driver();
        browser.get(address);
        UpstoxCredentials account = simulator.account().credentials();
        browser.findElement(By.id("mobile")).sendKeys(account.mobileNumber());
        browser.findElement(By.id("otp")).sendKeys(Totp.fromBase32(account.totpSecret()).codeAt(Clock.systemUTC().instant()));
        browser.findElement(By.id("pin")).sendKeys(account.pin().reveal());
        browser.findElement(By.id("continue")).click();
        Poll.until("the app's page in the browser", Duration.ofSeconds(20),
                () -> browser.getPageSource().contains("You can close this tab"));
        return browser.getCurrentUrl();
    }

    private AppProcess.Result browserLogin() throws Exception {
        try (AppProcess.Running login = app.start("login", "--browser", "--profile", profile)) {
            String landedOn = logInWithChromium();
            assertThat(landedOn).startsWith(simulator.account().redirectUri() + "?code=");
            return login.await();
        }
    }

    @Test
    void theBrowserLogsInOnTheSimulatorsPageAndStatusShowsTheNewToken() throws Exception {
        AppProcess.Result login = browserLogin();

        assertThat(login.exitCode()).as(login.stderr()).isZero();
        assertThat(login.stdout()).isEmpty();
        assertThat(login.stderr()).contains("It is open in your browser.", "Logged in with the browser");
        JsonNode status = JSON.readTree(app.run("status", "--json", "--profile", profile).stdout());
        assertThat(status.path("state").asText()).isEqualTo("VALID");
        assertThat(status.path("userId").asText()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(status.path("lastAttempt").path("trigger").asText()).isEqualTo("BROWSER");
    }

    @Test
    void whenTheAutomaticLoginIsBlockedTheBrowserLoginYieldsAValidToken() throws Exception {
        simulator.faults().inject(FaultRule.parse("pin=html"));
        AppProcess.Result blocked = app.run("refresh", "--profile", profile);
        assertThat(blocked.exitCode()).isEqualTo(7);
        assertThat(blocked.stderr()).contains("bot protection", "Meanwhile you can log in with the browser.");

        AppProcess.Result login = browserLogin();

        assertThat(login.exitCode()).as(login.stderr()).isZero();
        assertThat(login.stderr()).contains("Logged in with the browser; the automatic login tries again at");
        String status = app.run("status", "--profile", profile).stdout();
        assertThat(status).contains("Token:", "valid, ", "Logged in with the browser; the automatic login tries again at");
        assertThat(app.run("token", "--profile", profile).stdout()).startsWith("eyJ");
    }
}
