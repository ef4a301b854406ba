package dev.tokentray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.AttemptJson;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.LoginFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists the login attempts of the last 90 days, with the success rate and login times.")
final class HistoryCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON: profile, attempts (oldest first) and stats.")
    boolean json;

    HistoryCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        List<Attempt> attempts = services.renewal().history().attempts(services.profile().name());
        HistoryStats stats = HistoryStats.of(attempts);
        environment.out().println(json ? asJson(services.profile().name(), attempts, stats) : asText(attempts, stats));
        return ExitCode.OK.code;
    }

    private static String asJson(String profile, List<Attempt> attempts, HistoryStats stats) throws Exception {
        ObjectNode node = StatusCommand.JSON.createObjectNode().put("profile", profile);
        ArrayNode list = node.putArray("attempts");
        attempts.forEach(attempt -> list.add(AttemptJson.write(attempt)));
        node.putObject("stats")
                .put("attempts", stats.attempts())
                .put("successes", stats.successes())
                .put("successRate", stats.successRate())
                .put("medianLoginMs", stats.medianLogin().map(Duration::toMillis).orElse(null))
                .put("p95LoginMs", stats.p95Login().map(Duration::toMillis).orElse(null));
        return StatusCommand.JSON.writeValueAsString(node);
    }

    private static String asText(List<Attempt> attempts, HistoryStats stats) {
        StringBuilder text = new StringBuilder();
        for (Attempt attempt : attempts) {
            text.append(String.format("%-32s %-9s %-24s %6d ms  %s%n", TimeText.ist(attempt.time()),
                    attempt.trigger().name().toLowerCase(Locale.ROOT),
                    attempt.failure().map(LoginFailure::summary).orElse("ok"), attempt.duration().toMillis(),
                    attempt.failure().map(LoginFailure::message).orElse("")));
        }
        text.append(String.format("%d attempts, %d succeeded (%.0f %%); login time median %s, p95 %s",
                stats.attempts(), stats.successes(), 100 * stats.successRate(), millis(stats.medianLogin()),
                millis(stats.p95Login())));
        return text.toString();
    }

    private static String millis(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() + " ms").orElse("-");
    }
}
