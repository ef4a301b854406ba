package dev.tokentray.cli;

import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.NoTokenInRedisException;
import dev.tokentray.follow.FollowedRedis;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.util.Optional;

/**
 * The token of an account another machine renews into Redis, for {@code token} and {@code exec}:
 * named with {@code --from-redis}, or the profile follows Redis ({@code follow}). Nothing logs in.
 */
final class FollowedToken {
    private final CliEnvironment environment;
    private final CliServices services;

    FollowedToken(CliEnvironment environment, CliServices services) {
        this.environment = environment;
        this.services = services;
    }

    /** What the command follows: the command line's {@code --from-redis}, else the profile's; empty when neither. */
    Optional<RedisFollow> follow(FromRedisOptions options) {
        return options.named().or(this::ofProfile);
    }

    /** What the profile follows, if it follows Redis. */
    Optional<RedisFollow> ofProfile() {
        return of(services.profile());
    }

    /** What another account's profile follows, if it follows Redis. */
    Optional<RedisFollow> of(Profile profile) {
        return new FollowedProfiles(SettingsFile.in(environment.dirs())).of(profile);
    }

    /**
     * The token in Redis, while it can be used.
     *
     * @throws NoTokenInRedisException when Redis has none, or an expired one
     * @throws FollowException when Redis cannot be reached or refuses the app
     */
    AccessToken usable(RedisFollow follow) throws NoTokenInRedisException, FollowException, KeychainException {
        Optional<AccessToken> token = read(follow);
        if (token.isEmpty()) {
            throw new NoTokenInRedisException("Redis has no token of " + follow.userId() + " (under " + follow.prefix()
                    + ":" + follow.userId() + ":access_token): the machine that renews it has not put one there, or it"
                    + " expired. Check its renewer (`status` there), or ask it for a new one: `follow --renew-now`.");
        }
        if (!token.get().stateAt(environment.clock().instant()).usable()) {
            throw new NoTokenInRedisException("The token of " + follow.userId() + " in Redis expired at "
                    + TimeText.ist(token.get().expiresAt()) + ": the machine that renews it has not renewed it.");
        }
        return token.get();
    }

    /** Read with the stored password; without one, a server that wants one gets it asked at a terminal, then stored. */
    Optional<AccessToken> read(RedisFollow follow) throws FollowException, KeychainException {
        RedisPasswords passwords = new RedisPasswords(services.keychain());
        FollowedRedis tokens = new FollowedRedis(follow, new RedisConnector(passwords), environment.clock());
        try {
            return tokens.read();
        } catch (FollowException refused) {
            Optional<Secret> asked = !refused.refused() || passwords.read(follow.address()).isPresent()
                    ? Optional.empty() : RedisPasswordInput.atTerminal(follow.address());
            if (asked.isEmpty()) {
                throw refused;
            }
            Optional<AccessToken> token = FollowedRedis.withPassword(follow, asked, environment.clock()).read();
            passwords.save(follow.address(), asked.get()); // kept once it worked
            return token;
        }
    }
}
