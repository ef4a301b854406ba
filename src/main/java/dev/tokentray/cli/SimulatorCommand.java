package dev.tokentray.cli;

import dev.tokentray.sim.EndpointVariant;
import dev.tokentray.sim.FaultRule;
import dev.tokentray.sim.RunsTheSimulator;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatedApprovals;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxHosts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs a stand-in for Upstox's login on 127.0.0.1, for tests and demos, until stopped.",
                "The account comes from the UPSTOX_* variables of `setup --from-env`; missing ones take the"
                        + " defaults in the README (mobile 9876543210, PIN 123456, ...)."})
@RunsTheSimulator
final class SimulatorCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", description = "The port; 0 (the default) takes a free one.")
    int port;

    @Option(names = "--variant", paramLabel = "new|old", description = "Which endpoint versions are live; the"
            + " others answer 404 (default: ${DEFAULT-VALUE}).")
    EndpointVariant variant = EndpointVariant.NEW;

    @Option(names = "--token-lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long tokens live (20s, 5m, 2h); by default until the next 03:30 IST, as at Upstox.")
    Duration tokenLifetime;

    @Option(names = "--fault", paramLabel = "STEP=FAULT", description = "Misbehave at a step, e.g. pin=html,"
            + " otp_verify=503*2, token_exchange=reset@10%%, dialog=delay:5s. Steps: dialog, otp_generate,"
            + " otp_verify, pin, authorize, token_exchange. Repeatable.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--revoke-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Revoke each token this long after its issue, as an IP change or a logout ends one early"
                    + " (the profile endpoint then answers 401 UDAPI100050).")
    Duration revokeAfter;

    @Option(names = "--notifier-url", paramLabel = "URL", description = "The app's Notifier Webhook: where an"
            + " approved token is POSTed (the approval login).")
    URI notifierUrl;

    @Option(names = "--approve-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Approve each approval request by itself after this long; else approve with"
                    + " `simulator approve`.")
    Duration approveAfter;

    @Option(names = "--approval-expiry", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long an approval request can be approved (default: 10m).")
    Duration approvalExpiry;

    SimulatorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    private SimulatedApprovals approvals() {
        SimulatedApprovals approvals = SimulatedApprovals.DEFAULT;
        if (notifierUrl != null) {
            approvals = approvals.withNotifierUrl(notifierUrl);
        }
        if (approveAfter != null) {
            approvals = approvals.withApproveAfter(approveAfter);
        }
        return approvalExpiry == null ? approvals : approvals.withExpiry(approvalExpiry);
    }

    /**
     * How to point the app at this simulator: its hosts, and the account's values. The defaults
     * are the simulator's fixed, public test values (README, "The simulator"); a value from the
     * environment is not printed, since it may be a trader's real one.
     */
    private String account(String baseUri) {
        StringBuilder text = new StringBuilder("To log in to it, set:\n");
        text.append("  ").append(UpstoxHosts.API_VARIABLE).append('=').append(baseUri).append('\n');
        text.append("  ").append(UpstoxHosts.SERVICE_VARIABLE).append('=').append(baseUri).append('\n');
        Map<CredentialField, String> defaults = SimulatedAccount.defaults().credentials().toFields();
        for (CredentialField field : CredentialField.values()) {
            String name = field.environmentVariable();
            text.append("  ").append(name).append(environment.variables().containsKey(name)
                    ? " (from your environment)" : "=" + defaults.get(field)).append('\n');
        }
        return text.append("then run `upstox-token-tray setup --from-env`.").toString();
    }

    @Override
    public Integer call() throws Exception {
        CliServices.start(environment, common);
        SimulatorConfig config = SimulatorConfig.defaults(environment.clock())
                .withAccount(SimulatedAccount.fromEnvironment(environment.variables()))
                .withVariant(variant)
                .withPort(port);
        if (tokenLifetime != null) {
            config = config.withTokenLifetime(tokenLifetime);
        }
        if (revokeAfter != null) {
            config = config.withRevokeAfter(revokeAfter);
        }
        config = config.withApprovals(approvals());
        List<FaultRule> rules = faults.stream().map(FaultRule::parse).toList();
        UpstoxSimulator simulator = UpstoxSimulator.start(config);
        rules.forEach(simulator.faults()::inject);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        environment.out().println("listening on " + simulator.baseUri());
        environment.out().println(account(simulator.baseUri().toString()));
        new CountDownLatch(1).await(); // until SIGTERM or Ctrl-C ends the process
        return ExitCode.OK.code;
    }
}
