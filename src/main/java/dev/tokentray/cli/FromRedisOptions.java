package dev.tokentray.cli;

import dev.tokentray.follow.RedisFollow;
import dev.tokentray.output.RedisOutputConfig;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code token} and {@code exec} for an account another machine renews into Redis. */
final class FromRedisOptions {
    @Option(names = "--from-redis", paramLabel = "URL", description = "Take the token from Redis (redis://USER@HOST:PORT/DB"
            + " or rediss://), where another machine's renewer puts it, instead of this machine's keychain; never log"
            + " in. The password comes from the keychain (stored by `follow`), else it is asked at a terminal.")
    String url;

    @Option(names = "--user-id", paramLabel = "ID", description = "With --from-redis: the account's Upstox user id.")
    String userId;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", description = "With --from-redis: the keys' prefix"
            + " (default: upstox).")
    String prefix = RedisOutputConfig.DEFAULT_PREFIX;

    /** What the command line names; empty without {@code --from-redis}. */
    Optional<RedisFollow> named() {
        if (url == null) {
            if (userId != null) {
                throw new IllegalArgumentException("--user-id goes with --from-redis URL.");
            }
            return Optional.empty();
        }
        if (userId == null) {
            throw new IllegalArgumentException("--from-redis needs --user-id ID: the Upstox user id whose token to take.");
        }
        return Optional.of(RedisFollow.of(url, prefix, userId));
    }
}
