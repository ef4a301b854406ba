package dev.tokentray.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.accounts.Account;
import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenState;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"Lists the accounts, in the app's order: profile, label, Upstox user id, the token's state"
                + " and expiry; never a secret.",
                "Add one with `setup --from-env --profile NAME`, or with Add account in the app's window."})
final class AccountsCommand implements Callable<Integer> {
    private static final String ROW = "%-16s %-20s %-10s %-9s %s%n";

    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print a JSON array: profile, label, userId, userName, state, expiresAt;"
            + " of an account followed in Redis, follows (and redisProblem when Redis cannot be read).")
    boolean json;

    AccountsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.startNew(environment, common);
        if (common.named().isPresent()) {
            services.requireKnown(common.profile()); // it shows every account, but a wrong name is still an error
        }
        ArrayNode array = StatusCommand.JSON.createArrayNode();
        StringBuilder text = new StringBuilder(String.format(ROW, "PROFILE", "LABEL", "USER ID", "STATE", "EXPIRES"));
        FollowedToken followed = new FollowedToken(environment, services);
        for (Account account : services.accounts().all()) {
            Optional<RedisFollow> follows = followed.of(account.profile());
            Optional<AccessToken> token = Optional.empty();
            Optional<String> redisProblem = Optional.empty();
            if (follows.isEmpty()) {
                token = services.vault(account.profile()).token();
            } else {
                try {
                    token = followed.read(follows.get());
                } catch (FollowException e) {
                    redisProblem = Optional.of(e.getMessage());
                }
            }
            // Of an account followed in Redis that cannot be read now, the state is not known.
            String state = redisProblem.isPresent() ? "UNKNOWN" : TokenState.of(token, environment.clock().instant()).name();
            ObjectNode row = array.addObject()
                    .put("profile", account.profile().name())
                    .put("label", account.label())
                    .put("userId", token.map(AccessToken::userId).or(() -> follows.map(RedisFollow::userId)).orElse(null))
                    .put("userName", token.map(AccessToken::userName).orElse(null))
                    .put("state", state)
                    .put("expiresAt", token.map(t -> TimeText.iso(t.expiresAt())).orElse(null));
            follows.ifPresent(follow -> follow.toJson(row.putObject("follows")));
            redisProblem.ifPresent(why -> row.put("redisProblem", why));
            text.append(String.format(ROW, account.profile(), account.label().isEmpty() ? "-" : account.label(),
                    token.map(AccessToken::userId).or(() -> follows.map(RedisFollow::userId)).orElse("-"), state,
                    token.map(t -> TimeText.ist(t.expiresAt())).orElse("-")
                            + follows.map(follow -> "  (follows " + follow.describe() + ")").orElse("")));
            redisProblem.ifPresent(why -> environment.err().println(account.profile() + ": " + why));
        }
        environment.out().println(json ? StatusCommand.JSON.writeValueAsString(array) : text.toString().stripTrailing());
        return ExitCode.OK.code;
    }
}
