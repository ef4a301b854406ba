package dev.tokentray.cli;

import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.FollowSetup;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.FollowedRedis;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.output.RedisOutputConfig;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A profile that follows a token another machine renews into Redis, instead of holding
 * credentials: the trader's laptop beside a VPS that renews. {@code token}, {@code exec} and
 * {@code status} of the profile then read Redis, and the tray app shows it.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Makes the profile follow the token another machine's renewer puts in Redis (its Redis output),"
                + " instead of holding credentials: the profile becomes an account of the app (`accounts` lists it),"
                + " `token`, `exec` and `status` of the profile read it there, and nothing logs in. Example: follow rediss://laptop@vps.example.com:6380/0 --user-id AB1234"
                + " --profile vps",
                "URL: redis://USER@HOST:PORT/DB, or rediss:// for TLS; no password in it. The password goes to the"
                + " keychain, from stdin (--password-stdin) or the REDISCLI_AUTH variable."})
final class FollowCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "redis://USER@HOST:PORT/DB or rediss://...")
    String url;

    @Option(names = "--user-id", paramLabel = "ID", description = "The account's Upstox user id, as `status` shows it"
            + " on the machine that renews.")
    String userId;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "The keys' and channels' prefix (default: upstox).")
    String prefix = RedisOutputConfig.DEFAULT_PREFIX;

    @Option(names = "--password-stdin", description = "Read the password from stdin (at a terminal: asked, not shown).")
    boolean passwordStdin;

    @Option(names = "--renew-now", description = "Ask the renewer for a new token now (PUBLISH PREFIX:renew_request"
            + " USER_ID); it renews under its rules, and the new token comes back through Redis.")
    boolean renewNow;

    @Option(names = "--stop", description = "The profile follows Redis no more (its Redis password stays in the"
            + " keychain for other uses).")
    boolean stop;

    FollowCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        FollowedProfiles followed = new FollowedProfiles(SettingsFile.in(environment.dirs()));
        if (renewNow || stop) {
            CliServices services = CliServices.start(environment, common);
            if (url != null) {
                throw new IllegalArgumentException("--renew-now and --stop take no URL: they act on the profile's.");
            }
            RedisFollow follow = followed.of(services.profile()).orElseThrow(() -> new IllegalArgumentException(
                    "Profile '" + services.profile() + "' follows no token in Redis: `follow URL --user-id ID` first."));
            return stop ? stop(services, followed) : renewNow(services, follow);
        }
        if (url == null || userId == null) {
            throw new IllegalArgumentException("Give the Redis URL and --user-id ID: follow rediss://USER@HOST:PORT/0"
                    + " --user-id AB1234.");
        }
        return start(CliServices.startNew(environment, common), followed, RedisFollow.of(url, prefix, userId));
    }

    private int start(CliServices services, FollowedProfiles followed, RedisFollow follow) throws Exception {
        if (services.vault().hasCredentials()) {
            throw new IllegalArgumentException("Profile '" + services.profile() + "' holds Upstox credentials and renews"
                    + " its own token: follow Redis with another profile (--profile NAME), or `forget` these first.");
        }
        Optional<Secret> password = RedisPasswordInput.given(environment, follow.address(), passwordStdin);
        FollowSetup.Checked checked;
        try {
            checked = new FollowSetup(new RedisPasswords(services.keychain()), followed, environment.clock())
                    .follow(services.profile(), follow, password);
        } catch (FollowException refused) {
            throw new IllegalArgumentException(refused.getMessage() + " The profile follows nothing.");
        }
        services.listAccount(); // an account of the app's, as the tray app's Follow a token in Redis makes it
        checked.unreachable().ifPresent(why -> environment.err().println(why + " The profile follows it anyway: it"
                + " reads the token once Redis can be reached."));
        environment.out().printf("Profile '%s' follows %s (prefix %s): %s.%n", services.profile(), follow.describe(),
                follow.prefix(), checked.token().map(this::describe).orElse("no token there yet"));
        return ExitCode.OK.code;
    }

    private String describe(AccessToken token) {
        Duration left = Duration.between(environment.clock().instant(), token.expiresAt());
        return left.isNegative() ? "its token expired at " + TimeText.ist(token.expiresAt())
                : "a token valid until " + TimeText.ist(token.expiresAt()) + ", " + TimeText.span(left) + " left";
    }

    private int renewNow(CliServices services, RedisFollow follow) throws Exception {
        long listeners = new FollowedRedis(follow, new RedisConnector(new RedisPasswords(services.keychain())),
                environment.clock()).requestRenewal();
        if (listeners == 0) {
            environment.err().printf("No renewer listens on %s at %s: start `run --headless --redis URL` on the machine"
                    + " that renews %s.%n", follow.renewRequestChannel(), follow.address(), follow.userId());
            return ExitCode.NETWORK_OR_SERVICE.code;
        }
        environment.out().printf("Asked the renewer for a new token of %s; it comes through Redis (`status` shows it).%n",
                follow.userId());
        return ExitCode.OK.code;
    }

    private int stop(CliServices services, FollowedProfiles followed) throws Exception {
        followed.remove(services.profile());
        services.accounts().remove(services.profile()); // it holds no credentials: nothing is left of the account
        environment.out().printf("Profile '%s' follows no token in Redis any more, and is no account of the app.%n",
                services.profile());
        return ExitCode.OK.code;
    }
}
