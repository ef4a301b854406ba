package dev.tokentray.shared;

import dev.tokentray.redis.RedisTokens;

/**
 * The names in Redis the machines that renew one account share, beside the token's
 * ({@link RedisTokens}); {@code account} is the Upstox user id.
 */
record SharedKeys(RedisTokens tokens) {
    /** Who logs in now: {@link RedisLease}. */
    String lease(String account) {
        return tokens.prefix() + ":" + account + ":login_lease";
    }

    /** A hash of the rejections met: field = the value (pin, totp_secret, ... or account), value = {@link StopJson}. */
    String stops(String account) {
        return tokens.prefix() + ":" + account + ":stops";
    }

    /** "No login before": a wait Upstox asked for, gone when it ends. */
    String noLoginBefore(String account) {
        return tokens.prefix() + ":" + account + ":no_login_before";
    }

    /** The channel where a message with a user id asks that account's renewer to renew now. */
    String renewRequests() {
        return tokens.prefix() + ":renew_request";
    }
}
