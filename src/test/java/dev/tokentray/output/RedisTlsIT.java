package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code rediss://} as the packaged jar speaks it: the token over TLS to a server whose certificate
 * this computer trusts and whose name it bears, and nothing but a clear message for one it does not
 * trust, or at an address its certificate does not name.
 */
class RedisTlsIT {
    @TempDir
    Path home;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "tls-" + UUID.randomUUID().toString().substring(0, 8);
    private UpstoxSimulator simulator;
    private AppProcess app;

    @BeforeEach
    void start() throws Exception {
        RealEnvironment.requireKeychain();
        RealEnvironment.requireRedis();
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC()).withTokenLifetime(Duration.ofHours(8)));
        app = new AppProcess(home).against(simulator);
        assertThat(app.run("setup", "--from-env", "--profile", profile).exitCode()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            app.run("outputs", "remove", "--profile", profile, "redis-1");
            app.run("outputs", "remove", "--profile", profile, "redis-2");
            app.run("forget", "--profile", profile);
            simulator.close();
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    private AppProcess.Result addRedis(String url) throws Exception {
        try (AppProcess.Running adding = app.startTyping("outputs", "add", "redis", "--profile", profile, "--prefix",
                prefix, "--password-stdin", url)) {
            adding.type(TestRedis.password().reveal());
            return adding.await();
        }
    }

    @Test
    void aServerThisComputerTrustsGetsTheTokenOverTls() throws Exception {
        app.set("JAVA_TOOL_OPTIONS", TestRedis.trustingTheTestCa());
        AppProcess.Result added = addRedis(TestRedis.tlsUrl("localhost"));
        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(added.stderr()).doesNotContain("cannot be reached", "unencrypted");

        AppProcess.Result token = app.run("token", "--profile", profile);

        assertThat(token.exitCode()).as(token.stderr()).isZero();
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.get(prefix + ":" + simulator.account().userId() + ":access_token"))
                    .isEqualTo(token.stdout().strip());
        }
    }

    @Test
    void aServerNotTrustedOrNotNamedByItsCertificateGetsNothingAndSaysWhy() throws Exception {
        app.set("JAVA_TOOL_OPTIONS", TestRedis.trustingTheTestCa());
        AppProcess.Result otherName = addRedis(TestRedis.tlsUrl("127.0.0.1"));
        assertThat(otherName.stderr()).contains("cannot be reached over TLS", "name the host in the URL");

        app.set("JAVA_TOOL_OPTIONS", "");
        AppProcess.Result untrusted = addRedis(TestRedis.tlsUrl("localhost"));
        assertThat(untrusted.stderr()).contains("cannot be reached over TLS", "certificate must be trusted");

        AppProcess.Result token = app.run("token", "--profile", profile);
        assertThat(token.exitCode()).as("the token, whatever Redis does").isZero();
        assertThat(token.stderr()).contains("Could not hand the token to Redis at rediss://");
        try (Jedis admin = TestRedis.admin()) {
            assertThat(admin.keys(prefix + ":*")).isEmpty();
        }
    }
}
