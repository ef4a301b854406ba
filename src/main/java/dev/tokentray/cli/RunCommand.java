package dev.tokentray.cli;

import dev.tokentray.accounts.Account;
import dev.tokentray.launch.AppStart;
import dev.tokentray.monitor.MonitorServer;
import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.platform.Logging;
import dev.tokentray.renew.ApprovalInbox;
import dev.tokentray.renew.CheckSchedule;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSchedule;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.vault.ProfileVault;
import java.net.InetSocketAddress;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Keeps the tokens valid: with --headless, without a UI (for a server beside a trading bot),"
                + " every account's, or the one --profile names; logging what it does to stderr and the log file,"
                + " until stopped (SIGTERM). Logins of different accounts run one at a time, a few seconds apart."
                + " Urgent trouble (no valid token at the ready-by time) is logged at ERROR level."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--headless", description = "Run without a UI.")
    boolean headless;

    @Option(names = "--login-window", paramLabel = "HH:MM-HH:MM|always",
            description = "When automatic logins may happen, in IST, for every account (default: each account's"
                    + " setting, else 05:30-24:00).")
    String loginWindow;

    @Option(names = "--ready-by", paramLabel = "HH:MM",
            description = "Warn when there is no valid token by this time, IST, for every account (default: each"
                    + " account's setting, else 08:45).")
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

    @Mixin
    SharedRedisOptions shared;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!headless) {
            if (common.named().isPresent()) {
                CliServices.start(environment, common, Logging.Echo.NONE);
            }
            environment.appLauncher().launch(new AppStart(false, false, common.named()));
            return ExitCode.OK.code;
        }
        Logging.Echo echo = common.verbose() ? Logging.Echo.DEBUG : Logging.Echo.INFO;
        boolean one = common.named().isPresent();
        CliServices services = one ? CliServices.start(environment, common, echo)
                : CliServices.startNew(environment, common, echo);
        List<Account> accounts = one
                ? List.of(new Account(services.profile(), "", services.savedSettings(services.profile())))
                : services.accounts().all();
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("There are no accounts to keep valid. Add one with `upstox-token-tray"
                    + " setup --from-env --profile NAME`.");
        }
        LoginTurnstile turnstile = LoginTurnstile.shared();
        LoginCoordination coordination = shared.coordination(services, environment);
        // Closed by the shutdown hook, in reverse, which may come while the renewer still starts.
        List<AutoCloseable> running = new CopyOnWriteArrayList<>();
        ThreadScheduler outputTimers = new ThreadScheduler("outputs");
        running.add(outputTimers);
        OutputDispatcher outputs = services.outputs(outputTimers,
                failure -> LOG.error("{} (profile '{}'): {}", failure.title(), failure.profile(), failure.problem()));
        running.add(outputs); // a hook still running ends with the renewer
        List<RenewalSchedule> renewals = new ArrayList<>();
        Map<RenewalSchedule, ProfileVault> vaults = new HashMap<>();
        List<ApprovalInbox.Account> inbox = new ArrayList<>();
        for (Account account : accounts) {
            RenewalSettings settings = settings(account.renewal());
            ThreadScheduler scheduler = new ThreadScheduler("renewal-" + account.profile());
            running.add(scheduler);
            RenewalWiring renewal = services.renewal(account.profile(), settings, turnstile, coordination);
            RenewalSchedule service = renewal.service(scheduler, System::nanoTime);
            running.add(service);
            service.addListener(outputs.listener(account.profile()));
            renewals.add(service);
            vaults.put(service, renewal.renewer().vault());
            inbox.add(new ApprovalInbox.Account(renewal.approval(), ApprovalInbox.through(service)));
            LOG.info("Headless renewer of profile '{}' started; login window {} IST, ready by {} IST, login method {},"
                            + " token checks every {} ({})", account.profile(), settings.loginWindow(),
                    settings.readyBy(), settings.loginMethod().id(), settings.validityCheck().everyText(),
                    settings.validityCheck().hours());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the headless renewer");
            running.reversed().forEach(RunCommand::closeQuietly);
            stopped.countDown();
        }, "headless-shutdown"));
        renewals.forEach(RenewalSchedule::start);
        for (RenewalSchedule service : renewals) {
            shared.listen(services, vaults.get(service), () -> service.renewNow(Optional.empty())).ifPresent(running::add);
        }
        if (listen != null) {
            // Only here: the Prometheus client is loaded only when asked for.
            running.add(MonitorServer.start(listen, renewals, environment.clock()));
        }
        notifier.start(new ApprovalInbox(inbox, environment.clock())).ifPresent(running::add);
        stopped.await();
        return ExitCode.OK.code;
    }

    private RenewalSettings settings(RenewalSettings saved) {
        CheckSchedule check = saved.validityCheck();
        return saved.withAutomatic(true)
                .withLoginWindow(loginWindow == null ? saved.loginWindow() : LoginHours.parse(loginWindow))
                .withReadyBy(readyBy == null ? saved.readyBy() : readyBy)
                .withValidityCheck(new CheckSchedule(
                        checkEvery == null ? check.every() : DurationConverter.orOff(checkEvery),
                        checkHours == null ? check.hours() : LoginHours.parse(checkHours)));
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
