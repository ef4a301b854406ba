package dev.tokentray.ui.follow;

import dev.tokentray.follow.RedisFollow;
import dev.tokentray.output.RedisOutputConfig;
import dev.tokentray.token.Secret;
import java.util.Optional;

/**
 * "Follow a token in Redis" without its window: what the trader typed, whether it can be used, and
 * what it asks for. A pure function of the fields, tested without a display.
 *
 * @param password empty: the keychain's, or none for a server that wants none
 */
public record FollowRedisForm(String label, String url, String userId, Optional<Secret> password) {

    public FollowRedisForm {
        label = label.strip();
        url = url.strip();
        userId = userId.strip();
    }

    /** What is wrong with the fields, in words; empty when they can be tried. */
    public Optional<String> problem() {
        if (url.isEmpty() || userId.isEmpty()) {
            return Optional.of("Give the Redis URL and the account's Upstox user id.");
        }
        try {
            follow();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException when {@link #problem()} says why */
    public RedisFollow follow() {
        return RedisFollow.of(url, RedisOutputConfig.DEFAULT_PREFIX, userId);
    }

    /** The account's label: the trader's, else the user id. */
    public String labelOrUserId() {
        return label.isEmpty() ? userId : label;
    }
}
