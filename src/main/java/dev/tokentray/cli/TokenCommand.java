package dev.tokentray.cli;

import dev.tokentray.follow.RedisFollow;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.renew.ValidityCheck;
import dev.tokentray.upstox.TokenCheck;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a valid access token, alone, on stdout; logs in first when there is none.")
final class TokenCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin
    CommonOptions common;

    @Mixin
    FromRedisOptions fromRedis;

    @Option(names = "--verify", description = "Ask Upstox first whether the stored token still works, and log in"
            + " for a new one when Upstox refuses it (revoked by an IP change or a logout): for a bot that got a"
            + " 401. When Upstox cannot be reached, the stored token is printed, with a warning on stderr.")
    boolean verify;

    TokenCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        CliServices services = CliServices.start(environment, common);
        FollowedToken followed = new FollowedToken(environment, services);
        Optional<RedisFollow> follow = followed.follow(fromRedis);
        if (follow.isPresent()) { // another machine renews it: nothing logs in here
            if (verify) {
                throw new IllegalArgumentException("--verify logs in when Upstox refuses the token; a token from Redis"
                        + " is renewed by another machine: leave --verify out.");
            }
            environment.out().println(followed.usable(follow.get()).value().reveal());
            return ExitCode.OK.code;
        }
        RenewalWiring renewal = services.renewal();
        if (verify) {
            // A dead token is marked revoked here, so the renewal below logs in, under the usual rules.
            Optional<ValidityCheck.Outcome> checked = renewal.validity().check();
            checked.filter(ValidityCheck.Outcome::dead).ifPresent(outcome -> environment.err().println(
                    "Upstox refused the stored token (revoked before its expiry); getting a new one."));
            checked.filter(outcome -> outcome.result().verdict() == TokenCheck.Verdict.UNKNOWN)
                    .ifPresent(outcome -> environment.err().println("Could not check the token with Upstox ("
                            + outcome.result().detail() + "); printing the stored one."));
        }
        FetchedToken renewed = services.tokenOnDemand(renewal);
        HandOut handOut = services.handOut(renewed);
        // The one place the app prints a token: this command exists to hand it to a script.
        environment.out().println(renewed.token().value().reveal());
        handOut.finish();
        return ExitCode.OK.code;
    }
}
