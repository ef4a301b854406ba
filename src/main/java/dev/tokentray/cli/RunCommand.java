package dev.tokentray.cli;

import dev.tokentray.output.OutputDispatcher;
import dev.tokentray.platform.Logging;
import dev.tokentray.renew.LoginWindow;
import dev.tokentray.renew.RenewalService;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.ThreadScheduler;
import java.time.LocalTime;
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
        RenewalSettings saved = services.savedSettings();
        RenewalSettings settings = new RenewalSettings(true,
                loginWindow == null ? saved.loginWindow() : LoginWindow.parse(loginWindow),
                readyBy == null ? saved.readyBy() : readyBy);
        ThreadScheduler scheduler = new ThreadScheduler();
        RenewalService service = services.renewal(settings).service(scheduler, System::nanoTime);
        OutputDispatcher outputs = services.outputs(scheduler,
                failure -> LOG.error("{} (profile '{}'): {}", failure.title(), failure.profile(), failure.problem()));
        service.addListener(outputs.listener(services.profile()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the headless renewer");
            try {
                outputs.close();
                scheduler.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "headless-shutdown"));
        LOG.info("Headless renewer of profile '{}' started; login window {} IST, ready by {} IST",
                services.profile(), settings.loginWindow(), settings.readyBy());
        service.start();
        stopped.await();
        return ExitCode.OK.code;
    }
}
