package dev.tokentray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.AttemptJson;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists the login attempts of the last 90 days, with the success rate and login times;"
                + " with --all, of every account.")
final class HistoryCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON: profile, attempts (oldest first) and stats; with --all, an"
            + " array of them.")
    boolean json;

    @Option(names = "--all", description = "Every account, in the app's order (not with --profile).")
    boolean all;

    HistoryCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        List<Profile> profiles;
        CliServices services;
        if (all) {
            if (common.named().isPresent()) {
                throw new IllegalArgumentException("--all shows every account: leave --profile out.");
            }
            services = CliServices.startNew(environment, common);
            profiles = services.accounts().profiles();
        } else {
            services = CliServices.start(environment, common);
            profiles = List.of(services.profile());
        }
        LoginHistory history = services.renewal().history();
        ArrayNode array = StatusCommand.JSON.createArrayNode();
        List<String> texts = new ArrayList<>();
        for (Profile profile : profiles) {
            List<Attempt> attempts = history.attempts(profile.name());
            HistoryStats stats = HistoryStats.of(attempts);
            array.add(asJson(profile.name(), attempts, stats));
            texts.add((all ? profile + ":\n" : "") + asText(attempts, stats));
        }
        environment.out().println(json ? StatusCommand.JSON.writeValueAsString(all ? array : array.get(0))
                : String.join("\n\n", texts));
        return ExitCode.OK.code;
    }

    private static ObjectNode asJson(String profile, List<Attempt> attempts, HistoryStats stats) {
        ObjectNode node = StatusCommand.JSON.createObjectNode().put("profile", profile);
        ArrayNode list = node.putArray("attempts");
        attempts.forEach(attempt -> list.add(AttemptJson.write(attempt)));
        node.putObject("stats")
                .put("attempts", stats.attempts())
                .put("successes", stats.successes())
                .put("successRate", stats.successRate())
                .put("medianLoginMs", stats.medianLogin().map(Duration::toMillis).orElse(null))
                .put("p95LoginMs", stats.p95Login().map(Duration::toMillis).orElse(null));
        return node;
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
