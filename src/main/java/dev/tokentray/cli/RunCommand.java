package dev.tokentray.cli;

import dev.tokentray.accounts.Account;
import dev.tokentray.launch.AppStart;
import dev.tokentray.platform.Logging;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.LoginWindow;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.ThreadScheduler;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
                ? List.of(services.accounts().find(services.profile())
                        .orElse(new Account(services.profile(), "", services.savedSettings(services.profile()))))
                : services.accounts().all();
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("There are no accounts to keep valid. Add one with `upstox-token-tray"
                    + " setup --from-env --profile NAME`.");
        }
        LoginTurnstile turnstile = LoginTurnstile.shared();
        List<ThreadScheduler> schedulers = new ArrayList<>();
        List<RenewalService> renewals = new ArrayList<>();
        for (Account account : accounts) {
            RenewalSettings saved = account.renewal();
            RenewalSettings settings = new RenewalSettings(true,
                    loginWindow == null ? saved.loginWindow() : LoginWindow.parse(loginWindow),
                    Optional.ofNullable(readyBy).orElse(saved.readyBy()));
            ThreadScheduler scheduler = new ThreadScheduler("renewal-" + account.profile());
            schedulers.add(scheduler);
            renewals.add(services.renewal(account.profile(), settings, turnstile).service(scheduler, System::nanoTime));
            LOG.info("Headless renewer of profile '{}' started; login window {} IST, ready by {} IST",
                    account.profile(), settings.loginWindow(), settings.readyBy());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the headless renewer");
            try {
                for (ThreadScheduler scheduler : schedulers) {
                    scheduler.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "headless-shutdown"));
        renewals.forEach(RenewalService::start);
        stopped.await();
        return ExitCode.OK.code;
    }
}
