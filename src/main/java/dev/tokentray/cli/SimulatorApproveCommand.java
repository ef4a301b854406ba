package dev.tokentray.cli;

import dev.tokentray.upstox.UpstoxHosts;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator approve}: the trader's approval, played, for a simulator running in another process. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves the open approval request of a running simulator, which then POSTs a new token to"
                + " its --notifier-url."})
final class SimulatorApproveCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CliEnvironment environment;

    @Option(names = "--url", paramLabel = "URL", description = "The simulator's address, as `simulator` printed it"
            + " (default: UPSTOX_API_BASE_URL).")
    URI url;

    SimulatorApproveCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        URI simulator = url != null ? url : URI.create(environment.variables().getOrDefault(UpstoxHosts.API_VARIABLE, ""));
        if (simulator.getHost() == null || !UpstoxHosts.isLoopback(simulator.getHost())) {
            throw new IllegalArgumentException("Give the simulator's address with --url http://127.0.0.1:PORT (as"
                    + " `simulator` printed it), or set " + UpstoxHosts.API_VARIABLE);
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(simulator.resolve("/simulator/approve"))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            (answer.statusCode() == 200 ? environment.out() : environment.err()).println(answer.body());
            return answer.statusCode() == 200 ? ExitCode.OK.code : ExitCode.USAGE.code;
        } catch (ConnectException e) {
            throw new IllegalArgumentException("No simulator answers at " + simulator + ": is it running?", e);
        }
    }
}
