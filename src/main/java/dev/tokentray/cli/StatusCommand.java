package dev.tokentray.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.accounts.Account;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.AttemptJson;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the token's state, expiry and user, the last renewal and the next; never a secret."
                + " With --all, of every account.")
final class StatusCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print JSON: profile, label, state, expiresAt, issuedAt, userId, userName,"
            + " revokedAt, credentialsStored, lastRenewal, nextRenewal, stoppedBecause, lastAttempt; with --all, an"
            + " array of them.")
    boolean json;

    @Option(names = "--all", description = "Every account, in the app's order (not with --profile).")
    boolean all;

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!all) {
            CliServices services = CliServices.start(environment, common);
            FollowedToken followed = new FollowedToken(environment, services);
            if (followed.ofProfile().isPresent()) {
                environment.out().println(new FollowStatus(followed, followed.ofProfile().get(), services.profile().name(),
                        environment.clock().instant()).describe(json));
                return ExitCode.OK.code;
            }
            Account account = services.accounts().find(services.profile())
                    .orElse(new Account(services.profile(), "", services.savedSettings(services.profile())));
            RenewalSnapshot state = services.renewal().reader().read();
            environment.out().println(json ? JSON.writeValueAsString(asJson(account, state)) : asText(account, state));
            return ExitCode.OK.code;
        }
        if (common.named().isPresent()) {
            throw new IllegalArgumentException("--all shows every account: leave --profile out.");
        }
        CliServices services = CliServices.startNew(environment, common);
        ArrayNode array = JSON.createArrayNode();
        List<String> texts = new ArrayList<>();
        FollowedToken followed = new FollowedToken(environment, services);
        for (Account account : services.accounts().all()) {
            Optional<RedisFollow> follows = followed.of(account.profile());
            if (follows.isPresent()) {
                FollowStatus status = new FollowStatus(followed, follows.get(), account.profile().name(),
                        environment.clock().instant());
                array.add(status.json().put("label", account.label()));
                texts.add(status.text());
                continue;
            }
            RenewalSnapshot state = services.renewal(account.profile(), account.renewal(), LoginTurnstile.alone()).reader().read();
            array.add(asJson(account, state));
            texts.add(asText(account, state));
        }
        environment.out().println(json ? JSON.writeValueAsString(array) : String.join("\n\n", texts));
        return ExitCode.OK.code;
    }

    static ObjectNode asJson(Account account, RenewalSnapshot state) {
        Optional<AccessToken> token = state.token();
        ObjectNode node = JSON.createObjectNode()
                .put("profile", state.profile().name())
                .put("label", account.label())
                .put("state", state.tokenState().name())
                .put("expiresAt", token.map(t -> TimeText.iso(t.expiresAt())).orElse(null))
                .put("issuedAt", token.map(t -> TimeText.iso(t.issuedAt())).orElse(null))
                .put("userId", token.map(AccessToken::userId).orElse(null))
                .put("userName", token.map(AccessToken::userName).orElse(null))
                .put("revokedAt", token.flatMap(AccessToken::revokedAt).map(TimeText::iso).orElse(null))
                .put("credentialsStored", state.credentialsStored())
                .put("lastRenewal", state.lastRenewal().map(a -> TimeText.iso(a.time())).orElse(null))
                .put("nextRenewal", state.nextRenewal().map(TimeText::iso).orElse(null))
                .put("stoppedBecause", state.plan() instanceof Plan.Stopped stopped ? stopped.why() : null);
        node.set("lastAttempt", state.lastAttempt().map(AttemptJson::write).orElse(null));
        return node;
    }

    private static String asText(Account account, RenewalSnapshot state) {
        StringBuilder text = new StringBuilder();
        line(text, "Profile", state.profile().name());
        if (!account.label().isEmpty()) {
            line(text, "Label", account.label());
        }
        line(text, "Token", describeToken(state));
        state.token().ifPresent(t -> {
            line(text, "Expires", TimeText.ist(t.expiresAt()));
            line(text, "Issued", TimeText.ist(t.issuedAt()));
            line(text, "User", t.userName() + " (" + t.userId() + ")");
        });
        line(text, "Last renewal", state.lastRenewal()
                .map(a -> TimeText.ist(a.time()) + ", the login took " + a.duration().toMillis() + " ms")
                .orElse("none yet"));
        if (!(state.plan() instanceof Plan.Stopped)) { // a stop says why, the failure's words included
            state.lastAttempt().filter(a -> !a.succeeded()).flatMap(Attempt::failure)
                    .ifPresent(failure -> line(text, "Last failure", failure.message()));
        }
        line(text, "Next renewal", describePlan(state.plan(), state.at()));
        if (state.credentialsRejected()) {
            String profile = CliHints.profileOption(state.profile());
            line(text, "What to do", "correct the rejected value with `setup --from-env" + profile + "`; if you are"
                    + " sure the values are right, `refresh --retry-rejected" + profile + "` sends them once more");
        }
        line(text, "Credentials", state.credentialsStored() ? "stored in the keychain"
                : "none: run `setup --from-env" + CliHints.profileOption(state.profile()) + "`");
        return text.toString().stripTrailing();
    }

    static String describeToken(RenewalSnapshot state) {
        Instant now = state.at();
        return switch (state.tokenState()) {
            case MISSING -> "none";
            case EXPIRED -> "expired";
            case REVOKED -> "revoked by Upstox at " + TimeText.ist(state.token().orElseThrow().revokedAt().orElseThrow())
                    + ", before its expiry (an IP change, a logout or a revocation)";
            case VALID, EXPIRING -> (state.tokenState() == TokenState.VALID ? "valid" : "expiring soon") + ", "
                    + TimeText.span(Duration.between(now, state.token().orElseThrow().expiresAt())) + " left";
        };
    }

    private static String describePlan(Plan plan, Instant now) {
        return switch (plan) {
            case Plan.AwaitApproval wait -> now.isBefore(wait.expiresAt())
                    ? "waiting for your approval of the request sent at " + TimeText.ist(wait.requestedAt())
                            + ": approve it in the Upstox app or on WhatsApp before " + TimeText.ist(wait.expiresAt())
                    : "the approval request sent at " + TimeText.ist(wait.requestedAt()) + " went unanswered; the next"
                            + " goes at " + TimeText.ist(wait.nextRequest()) + ", or send one with `login --approval`";
            case Plan.RenewAt renew -> TimeText.ist(renew.at());
            // A note says itself when a login comes, if one does (after a browser login, or by the login method).
            case Plan.WaitForExpiry wait -> wait.note().orElseGet(() -> TimeText.ist(wait.renewAt()) + ", once the token expires");
            case Plan.Stopped stopped -> "stopped. " + stopped.why();
            case Plan.Off off -> "automatic renewal is off";
        };
    }

    static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-13s %s%n", label + ":", value));
    }
}
