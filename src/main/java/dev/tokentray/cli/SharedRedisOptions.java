package dev.tokentray.cli;

import dev.tokentray.platform.HostName;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.shared.RedisCoordination;
import dev.tokentray.shared.RenewRequests;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.ProfileVault;
import java.util.Optional;
import picocli.CommandLine.Option;

/** `run --headless --redis URL`: several machines that renew one account through the Redis they share. */
final class SharedRedisOptions {
    @Option(names = "--redis", paramLabel = "URL",
            description = "Share the renewal with the other machines that run with the same Redis (redis:// or"
                    + " rediss://, its password in the keychain as `outputs add redis` stores it): one logs in, the"
                    + " others take its token; a rejection or a wait one meets holds them all; a message with the"
                    + " account's user id on PREFIX:renew_request renews now.")
    String url;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", description = "The keys' prefix (default: ${DEFAULT-VALUE}).")
    String prefix = "upstox";

    /** How the logins are shared: through the Redis, or not at all without --redis. */
    LoginCoordination coordination(CliServices services, CliEnvironment environment) {
        if (url == null) {
            return LoginCoordination.ALONE;
        }
        return new RedisCoordination(connector(services), RedisAddress.parse(url), prefix,
                HostName.of(environment.variables()), environment.clock(),
                Thread.ofVirtual().name("login-lease-", 0).factory());
    }

    /** Listens for renew requests for the account of {@code vault} with --redis; {@code renew} asks its service for a login now. */
    Optional<AutoCloseable> listen(CliServices services, ProfileVault vault, Runnable renew) {
        if (url == null) {
            return Optional.empty();
        }
        return Optional.of(RenewRequests.start(connector(services), RedisAddress.parse(url), prefix,
                () -> userId(vault), renew,
                Thread.ofPlatform().name("renew-requests-" + vault.profile().name()).daemon().factory()));
    }

    private static Optional<String> userId(ProfileVault vault) {
        try {
            return vault.token().map(AccessToken::userId).filter(id -> !id.isBlank());
        } catch (KeychainException e) {
            return Optional.empty();
        }
    }

    private static RedisConnector connector(CliServices services) {
        return new RedisConnector(new RedisPasswords(services.keychain()));
    }
}
