package dev.tokentray.output;

import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import java.util.Objects;
import java.util.Optional;

/**
 * A token to hand to an account's outputs, with what they tell about it. Its {@code toString()}
 * masks the token.
 *
 * @param profile the account (profile) it belongs to
 * @param trigger what made it, when this process's login made it; empty for a token this process
 *                found (at start, or renewed by another process)
 * @param host    this computer's name: the one that hands it out
 */
public record NewToken(String profile, AccessToken token, Optional<Trigger> trigger, String host) {
    public NewToken {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(host, "host");
    }
}
