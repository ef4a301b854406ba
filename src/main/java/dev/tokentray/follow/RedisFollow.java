package dev.tokentray.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.output.RedisOutputConfig;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisTokens;
import dev.tokentray.shared.RenewRequests;
import java.util.Objects;

/**
 * An account whose token another machine renews and puts in Redis (the Redis output's keys): where
 * to read it, and where to ask for a renewal. Never a secret: the password is in the keychain.
 *
 * @param userId the account's Upstox user id, which the keys are named by
 */
public record RedisFollow(RedisAddress address, String prefix, String userId) {

    public RedisFollow {
        Objects.requireNonNull(address, "address");
        RedisOutputConfig.checkPrefix(prefix);
        if (userId == null || !userId.strip().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("An Upstox user id has letters and digits, like AB1234 (as `status`"
                    + " shows it on the machine that renews); not '" + userId + "'.");
        }
        userId = userId.strip();
    }

    public static RedisFollow of(String url, String prefix, String userId) {
        return new RedisFollow(RedisAddress.parse(url), prefix, userId);
    }

    /** Its keys and the channel that hears of each new token, as the Redis output and the renewer write them. */
    public RedisTokens tokens() {
        return new RedisTokens(prefix);
    }

    /** Where a follower asks the renewer for a new token. */
    public String renewRequestChannel() {
        return RenewRequests.channel(prefix);
    }

    /** "SIM001 in Redis at HOST:PORT", for messages. */
    public String describe() {
        return userId + "'s token in Redis at " + address.host() + ":" + address.port();
    }

    public ObjectNode toJson(ObjectNode node) {
        return node.put("url", address.toString()).put("prefix", prefix).put("user_id", userId);
    }

    public static RedisFollow fromJson(JsonNode node) {
        return of(node.path("url").asText(), node.path("prefix").asText(RedisOutputConfig.DEFAULT_PREFIX),
                node.path("user_id").asText());
    }
}
