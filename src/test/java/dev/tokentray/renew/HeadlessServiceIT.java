package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatedApprovals;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.AppProcess;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxHosts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless renewer as a service, run as the packaged jar against the simulator over HTTP and
 * the real keychain: a token that dies early, {@code token --verify}, {@code /healthz} and
 * {@code /metrics} read as Prometheus reads them, and the approval login with its webhook.
 */
class HeadlessServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);
    /** Generous for a JVM's start and a login on a busy two-core machine. */
    private static final Duration A_LOGIN = Duration.ofSeconds(30);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final String NOTIFIER_PATH = "/upstox/notifier";

    @TempDir
    Path home;

    private final String profile = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    private UpstoxSimulator simulator;
    private AppProcess app;
    private ProfileCommands commands;

    @BeforeEach
    void requireKeychain() {
        RealEnvironment.requireKeychain();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.run("forget", "--profile", profile);
        }
        if (simulator != null) {
            simulator.close();
        }
        http.close();
    }

    private void startSimulatorAndSetUp(UnaryOperator<SimulatorConfig> config, String... setupOptions) throws Exception {
        simulator = UpstoxSimulator.start(config.apply(SimulatorConfig.defaults(Clock.systemUTC())
                .withTokenLifetime(EIGHT_HOURS)));
        app = new AppProcess(home).against(simulator);
        commands = new ProfileCommands(app, profile);
        // Stored without a test login: the logins under test are the renewer's.
        List<String> setup = new ArrayList<>(List.of("setup", "--from-env", "--no-test", "--profile", profile));
        setup.addAll(List.of(setupOptions));
        AppProcess.Result result = app.run(setup.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void aTokenRevokedByAnIpChangeIsNoticedWithinOneCheckAndRenewedOnceAndTheMetricsSaySo() throws Exception {
        startSimulatorAndSetUp(UnaryOperator.identity());
        int port = FreePort.pick();
        try (AppProcess.Running renewer = app.start("run", "--headless", "--profile", profile, "--login-window", "always",
                "--check-every", CHECK_INTERVAL.toSeconds() + "s", "--check-hours", "always",
                "--listen", "127.0.0.1:" + port)) {
            // The history's line comes after the keychain write: then the token is stored.
            Poll.until("the first login, stored", A_LOGIN, () -> commands.history().size() == 1);
            Poll.until("/healthz to say ok", A_LOGIN, () -> statusOf(port, "/healthz") == 200);
            String first = commands.storedToken().value().reveal();

            Instant revoked = Instant.now();
            assertThat(changeStaticIp(first)).isTrue();
            Poll.until("the renewer to notice and renew", A_LOGIN, () -> commands.history().size() == 2);
            assertThat(Poll.holdsFor(CHECK_INTERVAL.multipliedBy(3), () -> count(Event.TOKENS_ISSUED) == 2))
                    .as("renewed once").isTrue();

            List<Attempt> attempts = commands.history();
            assertThat(attempts).hasSize(2).allMatch(Attempt::succeeded);
            Duration noticed = Duration.between(revoked, attempts.get(1).time());
            System.out.println("Revoked by an IP change; the renewer logged in again " + noticed.toMillis()
                    + " ms later (checks every " + CHECK_INTERVAL.toSeconds() + " s)");
            // One interval, and a little for a timer on a loaded machine.
            assertThat(noticed).isLessThan(CHECK_INTERVAL.plusSeconds(2));
            assertThat(renewer.stderrSoFar()).contains("revoked");
            AccessToken second = commands.storedToken();
            assertThat(second.value().reveal()).isNotEqualTo(first);
            assertThat(second.revokedAt()).isEmpty();
            assertThat(commands.status().path("state").asText()).isEqualTo("VALID");

            HttpResponse<String> health = get(port, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body().strip()).doesNotContain("\n");
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");

            Map<String, Double> metrics = metrics(port);
            assertThat(metric(metrics, "upstox_token_state", "state", "VALID")).isEqualTo(1);
            assertThat(metric(metrics, "upstox_token_state", "state", "REVOKED")).isZero();
            assertThat(metric(metrics, "upstox_token_expires_in_seconds"))
                    .isCloseTo(Duration.between(Instant.now(), second.expiresAt()).toSeconds(), within(60.0));
            assertThat(metric(metrics, "upstox_logins_total", "outcome", "success", "failure_class", "none"))
                    .isEqualTo(count(Event.TOKENS_ISSUED));
            assertThat(metric(metrics, "upstox_logins_total", "outcome", "failure", "failure_class", "credentials"))
                    .isZero();
            for (LoginStep step : LoginStep.totpLogin()) {
                assertThat(metric(metrics, "upstox_login_last_step_duration_seconds", "step", lower(step)))
                        .as(step.name()).isPositive().isLessThan(A_LOGIN.toSeconds());
            }
            assertThat(metric(metrics, "upstox_token_checks_total", "result", "dead")).isEqualTo(1);
            assertThat(metric(metrics, "upstox_token_checks_total", "result", "unknown")).isZero();
            // Every check the renewer counted reached the simulator, and nothing else asked for the profile.
            assertThat(metric(metrics, "upstox_token_checks_total", "result", "alive") + 1)
                    .isEqualTo(simulator.counters().requests(Endpoint.PROFILE));

            renewer.terminate();
            assertThat(renewer.await().exitCode()).isEqualTo(AppProcess.TERMINATED);
        }
    }

    @Test
    void tokenVerifyAfterARevokePrintsANewToken() throws Exception {
        startSimulatorAndSetUp(UnaryOperator.identity());
        String first = commands.token();
        assertThat(changeStaticIp(first)).isTrue();
        assertThat(commands.token()).as("without --verify, the token is trusted until its expiry").isEqualTo(first);

        AppProcess.Result verified = app.run("token", "--verify", "--profile", profile);

        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        String second = verified.stdout().strip();
        assertThat(second).matches(ProfileCommands.JWT).isNotEqualTo(first);
        assertThat(verified.stderr()).contains("Upstox refused the stored token");
        assertThat(ProfileCommands.simulatorTakes(simulator, second)).isTrue();
        assertThat(commands.token()).isEqualTo(second);
        assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(2);
        assertThat(app.run("token", "--verify", "--profile", profile).stdout().strip()).as("alive: no login").isEqualTo(second);
        assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(2);
    }

    /** The mark is kept with the token in the keychain, so every process sees the revocation. */
    @Test
    void aRevokedTokenIsRevokedForStatusAndTokenAlike() throws Exception {
        startSimulatorAndSetUp(UnaryOperator.identity(), "--login-method", "browser");
        assertThat(app.run("refresh", "--profile", profile).exitCode()).isZero(); // the trader's own login
        String first = commands.storedToken().value().reveal();
        assertThat(changeStaticIp(first)).isTrue();

        AppProcess.Result verified = app.run("token", "--verify", "--profile", profile);

        assertThat(verified.exitCode()).as("the login method needs the trader").isEqualTo(9);
        assertThat(verified.stdout()).isEmpty();
        assertThat(verified.stderr()).contains("login --browser");
        JsonNode status = commands.status();
        assertThat(status.path("state").asText()).isEqualTo("REVOKED");
        assertThat(status.path("revokedAt").isTextual()).isTrue();
        assertThat(app.run("status", "--profile", profile).stdout()).contains("revoked by Upstox");
        AppProcess.Result token = app.run("token", "--profile", profile);
        assertThat(token.exitCode()).isEqualTo(9);
        assertThat(token.stdout()).as("never the revoked token").isEmpty();
        assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(1);
    }

    @Test
    void aCheckThatGetsNoAnswerDoesNotMarkTheTokenDead() throws Exception {
        startSimulatorAndSetUp(UnaryOperator.identity());
        String stored = commands.token();
        simulator.close(); // the network is down

        AppProcess.Result verified = app.run("token", "--verify", "--profile", profile);

        assertThat(verified.exitCode()).isZero();
        assertThat(verified.stdout().strip()).isEqualTo(stored);
        assertThat(verified.stderr()).contains("Could not check the token with Upstox");
        assertThat(commands.storedToken().revokedAt()).isEmpty();
        assertThat(commands.status().path("state").asText()).isEqualTo("VALID");
    }

    @Test
    void theApprovalLoginEndToEndAndNoticesOfNoRequestOfOursAreRefused() throws Exception {
        int notifier = FreePort.pick();
        int monitor = FreePort.pick();
        startSimulatorAndSetUp(config -> config.withApprovals(SimulatedApprovals.DEFAULT.withNotifierUrl(
                URI.create("http://127.0.0.1:" + notifier + NOTIFIER_PATH))), "--login-method", "approval");
        try (AppProcess.Running renewer = app.start("run", "--headless", "--profile", profile, "--login-window", "always",
                "--notifier-listen", "127.0.0.1:" + notifier, "--notifier-path", NOTIFIER_PATH,
                "--listen", "127.0.0.1:" + monitor)) {
            Poll.until("the approval request", A_LOGIN, () -> count(Event.APPROVAL_REQUESTS) == 1);
            Poll.until("the renewer to say what to do", A_LOGIN, () -> renewer.stderrSoFar()
                    .contains("Approve the request in the Upstox app or on WhatsApp"));
            Poll.until("/healthz to say ok: a login that can succeed is planned", A_LOGIN,
                    () -> statusOf(monitor, "/healthz") == 200);

            HttpResponse<String> otherClient = notice(notifier, "1a2b3c4d-0000-4000-8000-000000000000", "eyJ.a.b");
            assertThat(otherClient.statusCode()).isEqualTo(403);
            assertThat(commands.tokenEntry()).isEmpty();

            assertThat(simulator.approve().status()).as("the webhook took the token").isEqualTo(200);

            String token = commands.token();
            assertThat(ProfileCommands.simulatorTakes(simulator, token)).isTrue();
            assertThat(count(Event.TOKENS_ISSUED)).isEqualTo(1);
            Attempt approval = commands.history().getLast();
            assertThat(approval.trigger()).isEqualTo(Trigger.APPROVAL);
            assertThat(approval.succeeded()).isTrue();
            Poll.until("the metrics to count it", A_LOGIN, () -> metric(metrics(monitor), "upstox_logins_total",
                    "outcome", "success", "failure_class", "none") == 1);

            HttpResponse<String> replayed = notice(notifier, SimulatedAccount.DEFAULT_CLIENT_ID, token);
            assertThat(replayed.statusCode()).as("no request is waiting any more").isEqualTo(403);
            assertThat(count(Event.PIN_ATTEMPTS)).as("no PIN, no TOTP").isZero();
            assertThat(count(Event.APPROVAL_REQUESTS)).isEqualTo(1);
            renewer.terminate();
            assertThat(renewer.await().exitCode()).isEqualTo(AppProcess.TERMINATED);
        }
    }

    /** The simulator and `login --approval` as commands, in processes of their own, as a developer runs them. */
    @Test
    void theSimulatorCommandRevokesAfterItsTimeAndApprovesForLoginApproval() throws Exception {
        int port = FreePort.pick();
        int notifier = FreePort.pick();
        URI base = URI.create("http://127.0.0.1:" + port);
        app = new AppProcess(home).set(UpstoxHosts.API_VARIABLE, base.toString()).set(UpstoxHosts.SERVICE_VARIABLE,
                base.toString());
        SimulatedAccount.defaults().credentials().toFields().forEach((field, value) ->
                app.set(field.environmentVariable(), value));
        commands = new ProfileCommands(app, profile);
        try (AppProcess.Running running = app.start("simulator", "--port", Integer.toString(port),
                "--revoke-after", "8s", "--approve-after", "1s",
                "--notifier-url", "http://127.0.0.1:" + notifier + NOTIFIER_PATH)) {
            Poll.until("the simulator to listen", A_LOGIN, () -> profileStatus(base, "none") == 401);
            assertThat(app.run("setup", "--from-env", "--no-test", "--profile", profile).exitCode()).isZero();

            AppProcess.Result login = app.run("login", "--approval", "--profile", profile,
                    "--notifier-listen", "127.0.0.1:" + notifier, "--notifier-path", NOTIFIER_PATH);

            assertThat(login.exitCode()).as(login.stderr()).isZero();
            assertThat(login.stderr()).contains("Approve the request in the Upstox app or on WhatsApp",
                    "Logged in by approval");
            assertThat(login.stdout()).isEmpty();
            String token = commands.storedToken().value().reveal();
            assertThat(profileStatus(base, token)).isEqualTo(200);
            Poll.until("--revoke-after to end the token", A_LOGIN, () -> profileStatus(base, token) == 401);

            AppProcess.Result nothingOpen = app.run("simulator", "approve", "--url", base.toString());
            assertThat(nothingOpen.exitCode()).isEqualTo(2);
            assertThat(nothingOpen.stderr()).contains("No approval request is open");
            running.terminate();
        }
    }

    private int profileStatus(URI simulator, String token) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(simulator.resolve("/v2/user/profile"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    /** The JVM's start and memory: the Prometheus client is loaded only when /metrics is served. */
    @Test
    void thePrometheusClientIsLoadedOnlyWithListen() throws Exception {
        startSimulatorAndSetUp(UnaryOperator.identity());
        assertThat(classesLoadedByARenewer()).noneMatch(name -> name.startsWith("io.prometheus"));
        assertThat(classesLoadedByARenewer("--listen", "127.0.0.1:" + FreePort.pick()))
                .anyMatch(name -> name.startsWith("io.prometheus.metrics.exporter"));
    }

    private List<String> classesLoadedByARenewer(String... options) throws Exception {
        Path log = home.resolve("classes-" + UUID.randomUUID() + ".log");
        app.set("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        List<String> args = new ArrayList<>(List.of("run", "--headless", "--profile", profile,
                "--login-window", "always"));
        args.addAll(List.of(options));
        try (AppProcess.Running renewer = app.start(args.toArray(String[]::new))) {
            Poll.until("the renewer to serve", A_LOGIN, () -> renewer.stderrSoFar().contains("Headless renewer of profile")
                    && count(Event.TOKENS_ISSUED) > 0 && (options.length == 0 || renewer.stderrSoFar().contains("/metrics")));
            renewer.terminate();
            renewer.await();
        } finally {
            app.set("JAVA_TOOL_OPTIONS", "");
        }
        return Files.readAllLines(log).stream().map(line -> line.replaceAll(".*\\] ", "").split(" ")[0]).toList();
    }

    private boolean changeStaticIp(String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/v2/user/ip"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"static_ip\":\"203.0.113.7\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200
                && JSON.readTree(answer.body()).path("data").path("access_tokens_invalidated").asBoolean();
    }

    private HttpResponse<String> notice(int port, String clientId, String token) throws Exception {
        String body = "{\"client_id\":\"%s\",\"user_id\":\"%s\",\"access_token\":\"%s\",\"message_type\":\"access_token\"}"
                .formatted(clientId, SimulatedAccount.DEFAULT_USER_ID, token);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + NOTIFIER_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET, or -1 while nothing listens yet. */
    private int statusOf(int port, String path) throws Exception {
        try {
            return get(port, path).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }

    /** The samples of {@code /metrics}, as "name{label="value",...}" in the exposition's order of labels. */
    private Map<String, Double> metrics(int port) throws Exception {
        HttpResponse<String> answer = get(port, "/metrics");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(answer.body());
        while (matcher.find()) {
            samples.put(matcher.group(1) + "{" + matcher.group(2) + "}", Double.parseDouble(matcher.group(3)));
        }
        return samples;
    }

    /** The value of the profile's one sample of {@code name} with these labels; fails when there is none. */
    private double metric(Map<String, Double> samples, String name, String... labels) {
        List<Map.Entry<String, Double>> found = samples.entrySet().stream()
                .filter(sample -> sample.getKey().startsWith(name + "{"))
                .filter(sample -> sample.getKey().contains("profile=\"" + profile + "\""))
                .filter(sample -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!sample.getKey().contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
        assertThat(found).as("%s %s in %s", name, List.of(labels), samples.keySet()).hasSize(1);
        return found.getFirst().getValue();
    }

    private long count(Event event) {
        return simulator.counters().count(event);
    }

    private static String lower(LoginStep step) {
        return step.name().toLowerCase(Locale.ROOT);
    }
}
