package dev.tokentray.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenState;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.time.Instant;
import java.util.Optional;

/** {@code status} of a profile that follows Redis: the token there, and where it comes from; never a secret. */
final class FollowStatus {
    private final Optional<AccessToken> token;
    private final Optional<String> problem;
    private final RedisFollow follow;
    private final String profile;
    private final Instant now;

    FollowStatus(FollowedToken followed, RedisFollow follow, String profile, Instant now) throws KeychainException {
        this.follow = follow;
        this.profile = profile;
        this.now = now;
        Optional<AccessToken> read = Optional.empty();
        Optional<String> failure = Optional.empty();
        try {
            read = followed.read(follow);
        } catch (FollowException e) {
            failure = Optional.of(e.getMessage());
        }
        this.token = read;
        this.problem = failure;
    }

    String describe(boolean json) throws JsonProcessingException {
        return json ? StatusCommand.JSON.writeValueAsString(json()) : text();
    }

    private TokenState state() {
        return TokenState.of(token, now);
    }

    ObjectNode json() {
        ObjectNode node = StatusCommand.JSON.createObjectNode()
                .put("profile", profile)
                .put("state", problem.isPresent() ? null : state().name())
                .put("expiresAt", token.map(t -> TimeText.iso(t.expiresAt())).orElse(null))
                .put("issuedAt", token.map(t -> TimeText.iso(t.issuedAt())).orElse(null))
                .put("userId", follow.userId())
                .put("userName", token.map(AccessToken::userName).orElse(null))
                .put("credentialsStored", false)
                .put("redisProblem", problem.orElse(null));
        follow.toJson(node.putObject("follows"));
        return node;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        StatusCommand.line(text, "Profile", profile);
        StatusCommand.line(text, "Token", problem.map(why -> "unknown: " + why).orElseGet(() -> StatusCommand.describeToken(
                new RenewalSnapshot(new Profile(profile), token, new Plan.Off(), Optional.empty(), Optional.empty(), false,
                        Optional.empty(), Optional.empty(), Optional.empty(), now))));
        token.ifPresent(t -> {
            StatusCommand.line(text, "Expires", TimeText.ist(t.expiresAt()));
            StatusCommand.line(text, "Issued", TimeText.ist(t.issuedAt()));
            StatusCommand.line(text, "User", t.userName() + " (" + t.userId() + ")");
        });
        StatusCommand.line(text, "Follows", follow.describe() + ", prefix " + follow.prefix() + " (" + follow.address() + ")");
        StatusCommand.line(text, "Renewal", "by the machine that puts it in Redis; ask it with `follow --renew-now`");
        StatusCommand.line(text, "Credentials", "none: this profile follows Redis");
        return text.toString().stripTrailing();
    }
}
