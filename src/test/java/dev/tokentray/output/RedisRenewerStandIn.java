package dev.tokentray.output;

import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.InMemorySecretStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The machine that renews, for the tests of following an account: puts a token in the test Redis
 * through the real {@link RedisOutput} (as its ACL user {@code tray}), so that a follower is tested
 * against what the output really writes.
 */
public final class RedisRenewerStandIn {
    public static final String USER_ID = Tokens.USER_ID;
    public static final String USER_NAME = Tokens.USER_NAME;

    private final RedisOutput output;

    public RedisRenewerStandIn(String prefix) {
        InMemorySecretStore keychain = new InMemorySecretStore();
        RedisPasswords passwords = new RedisPasswords(keychain);
        try {
            passwords.save(TestRedis.address(), TestRedis.password());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        output = new RedisOutput(RedisOutputConfig.of(TestRedis.address(), prefix), new RedisConnector(passwords));
    }

    /** A new token of the account, living {@code lifetime} from now, written and announced. */
    public AccessToken renew(Duration lifetime) throws OutputException {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return renewUntil(now.plus(lifetime));
    }

    /** A new token of the account, issued now and expiring at {@code expiresAt} (as each of a day's tokens does at 03:30 IST). */
    public AccessToken renewUntil(Instant expiresAt) throws OutputException {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AccessToken token = Tokens.token(now, Duration.between(now, expiresAt));
        output.deliver(new NewToken("vps", token, Optional.empty(), "vps-1"));
        return token;
    }
}
