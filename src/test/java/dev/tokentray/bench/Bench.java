package dev.tokentray.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.WallClockSimulator;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.upstox.UpstoxLoginClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The benchmark of the "Fast and light" targets, on the built jar or an installed app, with
 * {@value #ACCOUNTS} accounts: cold start to "tray icon shown and every account's token state
 * known", resident memory and CPU while idle (window hidden, window open), a morning when every
 * account's token has expired, a full login warm and as a fresh {@code token} command, and the
 * size of the {@code .deb}. Writes {@code target/bench.json} and a Markdown table.
 *
 * <p>Runs inside the test desktop of {@code scripts/lib/with-test-desktop.sh} (a display, a tray
 * host, an unlocked keyring), with a throwaway HOME: {@code bash scripts/bench.sh} sets that up.
 * Its own simulator runs in this JVM, on loopback, with the OTP rate limit raised (the bench logs
 * in more often than Upstox's limit allows); the app reaches it through UPSTOX_*_BASE_URL.
 */
public final class Bench {
    private static final String KEYCHAIN_SERVICE = "upstox-token-tray";
    private static final String WINDOW_TITLE = "Upstox Token Tray";
    static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    /** A family's accounts, as a trader with a spouse's, a parent's and an HUF account has them. */
    static final int ACCOUNTS = 5;
    private static final List<SimulatedAccount> FAMILY =
            IntStream.rangeClosed(1, ACCOUNTS).mapToObj(SimulatedAccount::numbered).toList();
    /** Their profiles: {@code default} first (the `token` measures use it), then the others. */
    private static final List<String> PROFILES = IntStream.rangeClosed(1, ACCOUNTS)
            .mapToObj(n -> n == 1 ? "default" : "account-" + n).toList();
    /** The morning's tokens die this long after they were made, before the app starts. */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(2);

    private final BenchOptions options;
    private final AppUnderBench app;
    private final TrayStarts starts;
    private final Path stateHome;
    private final List<Measure> measures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    private Bench(BenchOptions options, Path stateHome, Path outputs) {
        this.options = options;
        this.stateHome = stateHome;
        this.app = new AppUnderBench(options.app(), options.jvmOptions(), outputs);
        this.starts = new TrayStarts(stateHome);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        String state = System.getenv("XDG_STATE_HOME");
        if (state == null || System.getenv("DBUS_SESSION_BUS_ADDRESS") == null || System.getenv("DISPLAY") == null) {
            throw new IllegalStateException("Run through `bash scripts/bench.sh`: the bench needs the test desktop"
                    + " (DISPLAY, a session bus with an unlocked keyring, XDG_STATE_HOME in a throwaway HOME)");
        }
        // In the throwaway HOME, which bench.sh removes at its end: `token`'s output holds a token.
        Path outputs = Files.createDirectories(Path.of(state).resolve("bench-outputs"));
        Bench bench = new Bench(options, Path.of(state), outputs);
        bench.run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = ProcStat.loadAverage();
        progress("benchmarking %s%s", app.path(), options.jvmOptions().isEmpty() ? "" : " with " + options.jvmOptions());
        if (options.compare().isPresent()) {
            try (UpstoxSimulator simulator = startSimulator()) {
                useSimulator(simulator);
                setUpProfile();
                // After the set-up: a variant takes the app's environment as it is when made.
                new Comparison(Comparison.read(options.compare().get(), app), starts, options).run();
            }
            return;
        }
        boolean needsProfile = options.wants("token") || options.wants("cold") || options.wants("idle")
                || options.wants("morning");
        if (needsProfile) {
            try (UpstoxSimulator simulator = startSimulator()) {
                useSimulator(simulator);
                setUpProfile();
                if (options.wants("token")) {
                    tokenCommand();
                    execMemory();
                }
                if (options.wants("cold")) {
                    coldStart();
                }
                if (options.wants("idle")) {
                    idle();
                }
                if (options.wants("morning")) {
                    morning(simulator);
                }
            }
        }
        if (options.wants("outputs")) {
            outputTimes();
        }
        if (options.wants("login")) {
            warmLogin();
        }
        if (options.wants("deb")) {
            debSize();
        }
        Report report = new Report(options, started, loadBefore, ProcStat.loadAverage(), measures, notes, app);
        report.write();
    }

    // ---------------------------------------------------------------- set-up

    /**
     * A simulator of the five accounts in this JVM, warmed up, with a rate limit the bench's many
     * logins stay under, and tokens of a fixed life ({@link WallClockSimulator}), so that the figures
     * do not depend on the hour the bench ran.
     */
    private UpstoxSimulator startSimulator() throws Exception {
        return startSimulator(WallClockSimulator.defaults());
    }

    private UpstoxSimulator startSimulator(SimulatorConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        UpstoxSimulator simulator = UpstoxSimulator.start(
                config.withAccounts(FAMILY).withOtpRateLimit(Integer.MAX_VALUE));
        UpstoxLoginClient client = new UpstoxLoginClient(simulator.hosts(), LoginTimeouts.DEFAULT, clock);
        for (int i = 0; i < 20; i++) {
            client.login(simulator.account().credentials(), LoginListener.NONE);
        }
        return simulator;
    }

    private void useSimulator(UpstoxSimulator simulator) {
        app.set(Map.of(UpstoxHosts.API_VARIABLE, simulator.baseUri().toString(),
                UpstoxHosts.SERVICE_VARIABLE, simulator.baseUri().toString()));
    }

    /**
     * The five accounts: each one's login at the simulator stored by `setup --from-env --profile P`
     * (the first as `default`, so that it comes first in the list), and a token by `token`.
     */
    private void setUpProfile() throws Exception {
        progress("setting up %d accounts (setup --from-env, token)", ACCOUNTS);
        app.set(Map.of("NO_AT_BRIDGE", "1"));
        for (int i = 0; i < ACCOUNTS; i++) {
            String profile = PROFILES.get(i);
            Map<String, String> login = new HashMap<>();
            FAMILY.get(i).credentials().toFields().forEach((field, value) -> login.put(field.environmentVariable(), value));
            app.set(login);
            app.run(COMMAND_DEADLINE, "forget", "--profile", profile);
            app.run(COMMAND_DEADLINE, "setup", "--from-env", "--profile", profile).requireSuccess("setup --from-env");
            app.run(COMMAND_DEADLINE, "token", "--profile", profile).requireSuccess("token");
        }

        JsonNode status = json.readTree(app.run(COMMAND_DEADLINE, "status", "--json").requireSuccess("status").stdout());
        if (!status.path("state").asText().startsWith("VALID") && !status.path("state").asText().equals("EXPIRING")) {
            throw new IllegalStateException("After `token`, the state is " + status.path("state") + ", not VALID");
        }
    }

    // ---------------------------------------------------------------- token

    private void tokenCommand() throws Exception {
        Measure cold = measure("token_cold", "`token` with no stored token (login), JVM start included", "ms", 800.0,
                "wall time of a fresh `token` process (JVM start to exit) after `secret-tool clear` removed the"
                        + " stored token; credentials kept; against the loopback simulator");
        Measure login = measure("token_cold_login", "… of which the login (the app's own figure)", "ms", null,
                "durationMs of the attempt the `token` run recorded in history.jsonl");
        Measure stored = measure("token_stored", "`token` with a valid token stored (no login)", "ms", null,
                "wall time of a fresh `token` process that finds a valid token in the keychain");
        Measure status = measure("status_json", "`status --json`", "ms", null,
                "wall time of a fresh `status --json` process");
        Measure exec = measure("exec_stored", "`exec -- true` with a valid token stored", "ms", null,
                "wall time of a fresh `exec -- true` process (JVM start, keychain read, `true` run, its exit code"
                        + " passed on) that finds a valid token in the keychain");
        progress("token: %d runs (+1 unmeasured)", options.runs());
        removeStoredToken();
        app.run(COMMAND_DEADLINE, "token").requireSuccess("token (warm-up)");
        for (int i = 0; i < options.runs(); i++) {
            removeStoredToken();
            AppUnderBench.Finished run = app.run(COMMAND_DEADLINE, "token").requireSuccess("token");
            if (run.stdout().strip().split("\\.").length != 3) {
                throw new IllegalStateException("`token` printed no token: " + run.stdout());
            }
            cold.add(millis(run.wallNanos()));
            login.add(lastLoginMillis());
            stored.add(millis(app.run(COMMAND_DEADLINE, "token").requireSuccess("token (stored)").wallNanos()));
            status.add(millis(app.run(COMMAND_DEADLINE, "status", "--json").requireSuccess("status").wallNanos()));
            exec.add(millis(app.run(COMMAND_DEADLINE, "exec", "--", "true").requireSuccess("exec -- true").wallNanos()));
            progress("  token %.0f ms (login %.0f ms), stored %.0f ms, status %.0f ms, exec %.0f ms", cold.runs.getLast(),
                    login.runs.getLast(), stored.runs.getLast(), status.runs.getLast(), exec.runs.getLast());
        }
    }

    /** A bot under {@code exec} keeps the app's JVM beside it, waiting to pass on its exit code and signals. */
    private void execMemory() throws Exception {
        Measure rss = measure("exec_rss", "resident memory of `exec` while its command runs", "MB", null,
                "VmRSS of the app's process 3 s into `exec -- sleep 5` (a valid token stored); 1 MB = 10^6 bytes");
        for (int i = 0; i < options.idleRuns(); i++) {
            try (AppUnderBench.Running exec = app.start("exec", "--", "sleep", "5")) {
                pause(Duration.ofSeconds(3));
                if (!exec.isAlive()) {
                    throw new IllegalStateException("`exec -- sleep 5` ended early: " + exec.stderr());
                }
                rss.add(ProcStat.rssBytes(exec.pid()) / 1e6);
                exec.await(COMMAND_DEADLINE);
            }
            progress("  exec's resident memory %.1f MB", rss.runs.getLast());
        }
    }

    private void removeStoredToken() throws Exception {
        run(Duration.ofSeconds(20), "secret-tool", "clear", "service", KEYCHAIN_SERVICE, "account", "default/token");
    }

    private double lastLoginMillis() throws IOException {
        List<String> lines = Files.readAllLines(stateHome.resolve("upstox-token-tray/history.jsonl"));
        return json.readTree(lines.getLast()).path("durationMs").asDouble();
    }

    // ---------------------------------------------------------------- cold start

    private void coldStart() throws Exception {
        // The target is judged from outside, as a trader sees the start: the app's own figure counts from its
        // process start as Java reads it, which on Linux is up to a second off (see the note added below).
        Measure hiddenOutside = measure("cold_start_hidden_outside",
                "cold start to tray icon and token state, `--hidden`, seen from outside (spawn to the log line)", "ms",
                1000.0, "time from this bench's spawn of the process to its seeing the line in the log file (polled"
                        + " every 2 ms)");
        Measure hidden = measure("cold_start_hidden", "… the app's own figure (its Ready line)", "ms", null, "");
        Measure hiddenLog = measure("cold_start_hidden_log", "… the line's timestamp minus the spawn time", "ms", null,
                "the Ready line's own timestamp (this machine's clock) minus the spawn time: the app's figure without"
                        + " its process start time");
        Measure hiddenCpu = measure("cold_start_hidden_cpu", "… CPU time used by then (user+sys, all threads)", "ms",
                null, "utime+stime of the app process when the line was seen: less sensitive to a busy machine");
        Measure windowOutside = measure("cold_start_window_outside",
                "cold start to tray icon and token state, window shown, seen from outside", "ms", 1000.0,
                "as the hidden start, started without `--hidden` (a double-click): the window shows too; spawn to the"
                        + " line seen");
        Measure window = measure("cold_start_window", "… the app's own figure (its Ready line)", "ms", null, "");
        Measure windowShown = measure("cold_start_window_shown", "… to the status window shown (from outside)", "ms",
                null, "spawn to `xwininfo -name` finding the window mapped (IsViewable), polled every 20 ms after the"
                        + " ready line");
        progress("cold start: %d runs each, hidden and with the window (+1 unmeasured)", options.runs());

        learnStarts();
        hidden.note(starts.how());
        window.note(starts.how());
        if (!starts.exact()) {
            measures.remove(hiddenLog); // the fallback's figure is this already
        }
        notes.add("Cold starts: a fresh process per run (a cold JVM); the OS page cache is warm (an unmeasured first"
                + " start, and the commands before it, read the app's files). Hidden and window starts alternate.");

        for (int i = 0; i < options.runs(); i++) {
            for (boolean withWindow : new boolean[] {false, true}) {
                try (AppUnderBench.Running process = withWindow ? starts.start(app) : starts.start(app, "--hidden")) {
                    TrayStarts.Start start = starts.await(process);
                    (withWindow ? window : hidden).add(start.appMillis());
                    (withWindow ? windowOutside : hiddenOutside).add(start.outsideMillis());
                    if (!withWindow) {
                        hiddenCpu.add(start.cpuMillis());
                        hiddenLog.add(start.logMillis());
                    } else {
                        awaitWindowShown(Duration.ofMillis(20));
                        windowShown.add(millis(System.nanoTime() - process.spawnedNanos()));
                    }
                    if (!start.trayIcon()) {
                        (withWindow ? window : hidden).note("run " + (i + 1) + ": no tray icon found after the line");
                    }
                    requireEveryAccount(start.ready());
                    progress("  %s: %.0f ms (line's stamp %.0f ms, seen %.0f ms, CPU %.0f ms)%s, state %s%s",
                            withWindow ? "window" : "hidden", start.appMillis(), start.logMillis(), start.outsideMillis(),
                            start.cpuMillis(), withWindow ? String.format(", window shown %.0f ms",
                                    windowShown.runs.getLast()) : "", start.ready().state(),
                            start.trayIcon() ? "" : ", NO TRAY ICON");
                }
                pause(Duration.ofSeconds(1));
            }
        }
        if (starts.exact()) {
            double offset = hidden.median() - hiddenLog.median();
            if (Math.abs(offset) > 30) {
                hidden.note(String.format(Locale.ROOT, "the app's figure is %.0f ms %s the line's timestamp minus the"
                        + " spawn time: on Linux, ProcessHandle's startInstant() adds the fraction of a second that"
                        + " /proc/stat's btime (whole seconds) drops, the same for every process until a reboot (%s)",
                        Math.abs(offset), offset > 0 ? "above" : "below", BootTime.describe()));
            }
        }
    }

    // ---------------------------------------------------------------- idle

    private void idle() throws Exception {
        String idle = options.idleSeconds() + " s idle";
        // 85 MB with the native tray (issue 13); AWT's XEmbed tray (--tray xembed) costs ~17 MB more.
        Measure rssHidden = measure("rss_idle_hidden", "resident memory after " + idle + ", window hidden", "MB",
                options.tray().equals("sni") ? 85.0 : 105.0,
                "VmRSS of /proc/PID/status at the end of the idle minute; 1 MB = 10^6 bytes");
        Measure rssWindow = measure("rss_idle_window", "resident memory after " + idle + ", window open", "MB", 140.0,
                "as above, after the window was opened by a second launch and a minute passed");
        Measure peak = measure("rss_peak", "peak resident memory over both minutes", "MB", null, "VmHWM at the end");
        Measure cpuHidden = measure("cpu_idle_hidden", "CPU over " + idle + ", window hidden", "% of one core", 0.5,
                "utime+stime of /proc/PID/stat over the minute (10 ms steps), over the minute's wall time");
        Measure cpuWindow = measure("cpu_idle_window", "CPU over " + idle + ", window open", "% of one core", 2.0,
                "as above, with the status window open (its countdown ticks each second)");
        Duration minute = Duration.ofSeconds(options.idleSeconds());
        Duration settle = Duration.ofSeconds(options.settleSeconds());
        String after = "started with `--hidden`; the minute begins " + settle.toSeconds() + " s after the ready line";
        rssHidden.note(after);
        cpuHidden.note(after);
        progress("idle: %d runs of %d s hidden, then %d s with the window open", options.idleRuns(), minute.toSeconds(),
                minute.toSeconds());
        if (!options.wants("cold")) {
            learnStarts();
        }
        for (int i = 0; i < options.idleRuns(); i++) {
            try (AppUnderBench.Running process = starts.start(app, "--hidden")) {
                starts.await(process);
                pause(settle);
                double[] hidden = idleMinute(process, minute);
                rssHidden.add(hidden[0]);
                cpuHidden.add(hidden[1]);

                app.run(COMMAND_DEADLINE).requireSuccess("the second launch");
                awaitWindowShown();
                pause(settle);
                double[] shown = idleMinute(process, minute);
                rssWindow.add(shown[0]);
                cpuWindow.add(shown[1]);
                peak.add(ProcStat.peakRssBytes(process.pid()) / 1e6);
                progress("  hidden: %.1f MB, %.2f %%; window: %.1f MB, %.2f %%; peak %.1f MB", hidden[0], hidden[1],
                        shown[0], shown[1], peak.runs.getLast());
            }
        }
    }

    /** The first, unmeasured start: it also tells which tray the app uses, which must be the one asked for. */
    private void learnStarts() throws Exception {
        starts.learn(app);
        String tray = starts.tray();
        if (!tray.equals(options.tray())) {
            throw new IllegalStateException("The app uses the tray '" + tray + "', not '" + options.tray()
                    + "' (--tray): see its log in the bench's throwaway home");
        }
        notes.add("The tray: " + (tray.equals("sni")
                ? "the app's StatusNotifierItem, hosted by gtk-sni-tray-standalone with status-notifier-watcher"
                        + " (trayer runs too, unused); no AWT in the app"
                : "AWT's XEmbed tray icon in trayer (no StatusNotifierItem host on the bus)") + ".");
    }

    /** {RSS in MB at the end, CPU in % of one core over the minute}. */
    private double[] idleMinute(AppUnderBench.Running process, Duration minute) throws Exception {
        long cpuBefore = ProcStat.cpuMillis(process.pid());
        long before = System.nanoTime();
        pause(minute);
        long cpuAfter = ProcStat.cpuMillis(process.pid());
        long wall = System.nanoTime() - before;
        if (!process.isAlive()) {
            throw new IllegalStateException("The app ended while idle; stderr: " + process.stderr());
        }
        return new double[] {ProcStat.rssBytes(process.pid()) / 1e6, 100.0 * (cpuAfter - cpuBefore) / millis(wall)};
    }

    private void awaitWindowShown() throws Exception {
        awaitWindowShown(Duration.ofMillis(100));
    }

    private void awaitWindowShown(Duration every) throws Exception {
        long deadline = System.nanoTime() + TrayStarts.DEADLINE.toNanos();
        while (!run(Duration.ofSeconds(10), "xwininfo", "-name", WINDOW_TITLE).contains("Map State: IsViewable")) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The window did not show within " + TrayStarts.DEADLINE.toSeconds() + " s");
            }
            pause(every);
        }
    }

    // ---------------------------------------------------------------- outputs

    private void outputTimes() throws Exception {
        String how = "%d renewals of %s-s tokens by `run --headless` (one unmeasured login first), from the simulator"
                + " issuing the token (its counter, looked at every 0.5 ms) to %s; the renewer stores the token in the"
                + " keychain and the history before it hands it out";
        Measure toFile = measure("token_to_file", "a new token to the token file (headless renewer)", "ms", null,
                String.format(Locale.ROOT, how, options.runs(), OutputTimes.LIFETIME.toSeconds(), "the plain token file's modification time"));
        Measure toRedis = measure("token_to_redis", "a new token to Redis (headless renewer)", "ms", null,
                String.format(Locale.ROOT, how, options.runs(), OutputTimes.LIFETIME.toSeconds(), "the bench's subscriber hearing PREFIX:token_renewed,"
                        + " sent in the transaction that SETs the key (Redis on loopback, ACL user and password)"));
        progress("outputs: %d renewals to a token file and Redis", options.runs());
        OutputTimes.measure(app, stateHome.resolve("bench-outputs"), options.runs(), toFile, toRedis);
    }

    /** The Ready line must name every account: the tray shows all their states by then. */
    private static void requireEveryAccount(ReadyLine.Ready ready) {
        if (ready.exact() && ready.accounts().orElse(1) != ACCOUNTS) {
            throw new IllegalStateException("The app was ready with " + ready.accounts().orElse(1) + " accounts' states,"
                    + " not " + ACCOUNTS + ": " + ready.line());
        }
    }

    // ---------------------------------------------------------------- a morning

    /**
     * Every account's token expired overnight, and the login window opens: the app, started
     * before, renews them all, one login at a time a few seconds apart. The figure is from the
     * window's opening (a minute's start, IST) to the last renewal's log line; the logins' own
     * times in the history must not overlap.
     */
    private void morning(UpstoxSimulator morningUpstox) throws Exception {
        Measure all = measure("morning_all_renewed", "a morning with " + ACCOUNTS + " expired tokens: all renewed, from"
                + " the login window's opening", "s", 20.0, "the app started --hidden with every account's token expired"
                + " and the login window (each account's setting) opening at the next minute; from that minute's start"
                + " to the timestamp of the last \"Renewed the token of profile\" line in its log");
        Measure gaps = measure("morning_gap", "… the shortest gap between one login's end and the next's start", "s",
                null, "from the history's attempts (start, duration): under 0 would be two logins at once");
        progress("morning: %d runs, each waiting for a minute to begin", options.idleRuns());
        AccountList accounts = new AccountList(SettingsFile.in(AppDirs.forCurrentUser()));
        List<Account> saved = accounts.all();
        try (UpstoxSimulator shortLived = startSimulator(SimulatorConfig.defaults(Clock.systemUTC())
                .withTokenLifetime(SHORT_LIFETIME))) {
            for (int i = 0; i < options.idleRuns(); i++) {
                useSimulator(shortLived);
                for (String profile : PROFILES) {
                    app.run(COMMAND_DEADLINE, "refresh", "--profile", profile).requireSuccess("refresh (a short token)");
                }
                pause(SHORT_LIFETIME);
                Instant opens = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                int minute = (int) Duration.between(opens.atZone(TokenExpiry.IST).toLocalDate().atStartOfDay(TokenExpiry.IST)
                        .toInstant(), opens).toMinutes();
                LoginHours window = new LoginHours(minute, minute + 120 > 1440 ? (minute + 120) % 1440 : minute + 120);
                accounts.write(saved.stream().map(a -> a.withRenewal(a.renewal().withAutomatic(true).withLoginWindow(window)))
                        .toList());
                useSimulator(morningUpstox);
                try (AppUnderBench.Running process = starts.start(app, "--hidden")) {
                    requireEveryAccount(starts.await(process).ready());
                    AppLog log = new AppLog(stateHome);
                    log.mark();
                    List<Instant> renewed = awaitRenewals(log, process, opens);
                    double seconds = Duration.between(opens, renewed.getLast()).toMillis() / 1000.0;
                    all.add(seconds);
                    double gap = shortestGap(opens);
                    gaps.add(gap);
                    progress("  window opened %s; all %d renewed %.1f s later; shortest gap %.2f s", opens, ACCOUNTS,
                            seconds, gap);
                }
            }
        } finally {
            accounts.write(saved);
        }
    }

    /** The timestamps of the renewals logged since the mark, once there is one per account. */
    private List<Instant> awaitRenewals(AppLog log, AppUnderBench.Running process, Instant opens) throws Exception {
        Instant deadline = opens.plusSeconds(90);
        while (true) {
            List<Instant> renewed = log.since().lines().filter(line -> line.contains("Renewed the token of profile"))
                    .map(ReadyLine::stamp).toList();
            if (renewed.size() >= ACCOUNTS) {
                return renewed.subList(0, ACCOUNTS);
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(renewed.size() + " of " + ACCOUNTS + " tokens renewed by " + Instant.now()
                        + " (the window opened " + opens + "); stderr: " + process.stderr());
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** The shortest time between one automatic login's end and the next's start since {@code from}, in s. */
    private double shortestGap(Instant from) throws IOException {
        List<JsonNode> logins = new ArrayList<>();
        for (String line : Files.readAllLines(stateHome.resolve("upstox-token-tray/history.jsonl"))) {
            JsonNode attempt = json.readTree(line);
            if (attempt.path("trigger").asText().equalsIgnoreCase("automatic")
                    && !Instant.parse(attempt.path("time").asText()).isBefore(from)) {
                logins.add(attempt);
            }
        }
        logins.sort(Comparator.comparing(a -> Instant.parse(a.path("time").asText())));
        double shortest = Double.MAX_VALUE;
        for (int i = 1; i < logins.size(); i++) {
            Instant end = Instant.parse(logins.get(i - 1).path("time").asText())
                    .plusMillis(logins.get(i - 1).path("durationMs").asLong());
            shortest = Math.min(shortest, Duration.between(end, Instant.parse(logins.get(i).path("time").asText()))
                    .toMillis() / 1000.0);
        }
        if (logins.size() < ACCOUNTS) {
            throw new IllegalStateException("The history holds " + logins.size() + " automatic logins since " + from);
        }
        return shortest;
    }

    // ---------------------------------------------------------------- warm login

    private void warmLogin() throws Exception {
        int warmups = 50;
        int runs = 30;
        Measure warm = measure("login_warm", "a full login, warm (one JVM, after " + warmups + " logins)", "ms", 150.0,
                "UpstoxLoginClient against UpstoxSimulator on loopback in one JVM (dev.tokentray.bench.WarmLogin, the"
                        + " source build's classes): the six steps, a new cookie session each; " + runs + " logins"
                        + " measured after " + warmups + " unmeasured");
        progress("warm login: %d logins after %d unmeasured", runs, warmups);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WarmLogin.class.getName(),
                Integer.toString(warmups), Integer.toString(runs));
        for (String line : run(Duration.ofMinutes(5), command.toArray(String[]::new)).lines().toList()) {
            if (line.startsWith("login-ms ")) {
                warm.add(Double.parseDouble(line.substring("login-ms ".length())));
            }
        }
        if (warm.runs.size() != runs) {
            throw new IllegalStateException("WarmLogin gave " + warm.runs.size() + " figures, not " + runs);
        }
    }

    // ---------------------------------------------------------------- .deb

    private void debSize() throws IOException {
        Measure deb = measure("deb_size", "the .deb", "MB", 45.0, "its size in bytes / 10^6");
        Optional<Path> file = options.deb().or(Bench::findDeb);
        if (file.isEmpty()) {
            deb.missing("not built");
            deb.note("no .deb under target/ or packaging/ (build one with `bash packaging/build.sh`, or pass --deb PATH)");
            return;
        }
        deb.add(Files.size(file.get()) / 1e6);
        deb.note(file.get().toString());
    }

    private static Optional<Path> findDeb() {
        List<Path> found = new ArrayList<>();
        for (String folder : new String[] {"target", "packaging"}) {
            if (Files.isDirectory(Path.of(folder))) {
                try (Stream<Path> files = Files.walk(Path.of(folder), 5)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".deb")).forEach(found::add);
                } catch (IOException e) {
                    // an unreadable folder holds no .deb we could measure
                }
            }
        }
        return found.stream().max((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return 0;
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private Measure measure(String id, String title, String unit, Double target, String how) {
        Measure measure = new Measure(id, title, unit, target, how);
        measures.add(measure);
        return measure;
    }

    /** Runs a helper program (secret-tool, xwininfo, the warm-login JVM) and returns its stdout. */
    static String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench-command-", ".txt");
        try {
            // xwininfo says on stderr that a window is not there (yet): that is an answer, not an error.
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(command[0].equals("xwininfo") ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(command[0] + " did not end within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0 && !command[0].equals("xwininfo")) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    static void progress(String format, Object... args) {
        System.err.printf("[bench] " + format + "%n", args);
    }
}
