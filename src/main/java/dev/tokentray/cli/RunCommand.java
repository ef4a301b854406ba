package dev.tokentray.cli;

import dev.tokentray.monitor.MonitorServer;
import dev.tokentray.platform.Logging;
import dev.tokentray.renew.ApprovalInbox;
import dev.tokentray.renew.CheckSchedule;
import dev.tokentray.renew.LoginWindow;
import dev.tokentray.renew.ProfileRenewal;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.ThreadScheduler;
import java.net.InetSocketAddress;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Keeps the token valid: with --headless, without a UI (for a server beside a trading bot),"
                + " logging what it does to stderr and the log file, until stopped (SIGTERM). Urgent"
                + " trouble (no valid token at the ready-by time) is logged at ERROR level."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--headless", description = "Run without a UI.")
    boolean headless;

    @Option(names = "--login-window", paramLabel = "HH:MM-HH:MM|always",
            description = "When automatic logins may happen, in IST (default: the app's setting, else 05:30-24:00).")
    String loginWindow;

    @Option(names = "--ready-by", paramLabel = "HH:MM",
            description = "Warn when there is no valid token by this time, IST (default: the app's setting, else 08:45).")
    LocalTime readyBy;

    @Option(names = "--check-every", paramLabel = "DURATION|off",
            description = "How often to ask Upstox whether the token still works, within --check-hours, besides at"
                    + " start and after a wake; off: never by itself (default: the app's setting, else 15m).")
    String checkEvery;

    @Option(names = "--check-hours", paramLabel = "HH:MM-HH:MM|always",
            description = "When the periodic checks run: these hours (IST) on weekdays, or always (default: the"
                    + " app's setting, else 09:00-15:30, the market's).")
    String checkHours;

    @Option(names = "--listen", paramLabel = "[HOST:]PORT", converter = ListenAddressConverter.class,
            description = "Serve /healthz and /metrics (Prometheus) here; on 127.0.0.1 unless a host is given.")
    InetSocketAddress listen;

    @Mixin
    NotifierOptions notifier;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!headless) {
            environment.appLauncher().launch(new AppStart(common.profile(), false, false));
            return ExitCode.OK.code;
        }
        CliServices services = CliServices.start(environment, common,
                common.verbose ? Logging.Echo.DEBUG : Logging.Echo.INFO);
        RenewalSettings settings = settings(services.savedSettings());
        ThreadScheduler scheduler = new ThreadScheduler();
        ProfileRenewal renewal = services.renewal(settings);
        RenewalService service = renewal.service(scheduler, System::nanoTime);
        List<AutoCloseable> servers = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the headless renewer");
            servers.forEach(RunCommand::closeQuietly);
            closeQuietly(service);
            closeQuietly(scheduler);
            stopped.countDown();
        }, "headless-shutdown"));
        LOG.info("Headless renewer of profile '{}' started; login window {} IST, ready by {} IST, login method {},"
                        + " token checks every {} ({})", services.profile(), settings.loginWindow(), settings.readyBy(),
                settings.loginMethod().id(), settings.validityCheck().everyText(), settings.validityCheck().hours());
        service.start();
        if (listen != null) {
            // Only here: the Prometheus client is loaded only when asked for.
            servers.add(MonitorServer.start(listen, List.of(service), environment.clock()));
        }
        notifier.start(new ApprovalInbox(
                List.of(new ApprovalInbox.Account(renewal.approval(), ApprovalInbox.through(service))),
                environment.clock())).ifPresent(servers::add);
        stopped.await();
        return ExitCode.OK.code;
    }

    private RenewalSettings settings(RenewalSettings saved) {
        CheckSchedule check = saved.validityCheck();
        return saved.withAutomatic(true)
                .withLoginWindow(loginWindow == null ? saved.loginWindow() : LoginWindow.parse(loginWindow))
                .withReadyBy(readyBy == null ? saved.readyBy() : readyBy)
                .withValidityCheck(new CheckSchedule(
                        checkEvery == null ? check.every() : DurationConverter.orOff(checkEvery),
                        checkHours == null ? check.hours() : LoginWindow.parse(checkHours)));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
        }
    }
}
