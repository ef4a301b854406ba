package dev.tokentray.follow;

/** Redis has no usable token of a followed account: none there, or an expired one. Says what to do. */
public final class NoTokenInRedisException extends Exception {
    public NoTokenInRedisException(String message) {
        super(message);
    }
}
