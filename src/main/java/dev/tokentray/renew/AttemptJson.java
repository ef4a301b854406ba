package dev.tokentray.renew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.StepTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Attempt} as one line of JSON, in the history file and in {@code history --json}; times
 * are ISO-8601 with IST's offset. Lines of older versions read too (their times in UTC, their
 * {@code credentialsRevision} ignored).
 */
public final class AttemptJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private AttemptJson() {}

    public static ObjectNode write(Attempt attempt) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", TimeText.iso(attempt.time()))
                .put("profile", attempt.profile())
                .put("trigger", attempt.trigger().name())
                .put("outcome", attempt.succeeded() ? "success" : "failure")
                .put("durationMs", attempt.duration().toMillis());
        ObjectNode steps = node.putObject("stepsMs");
        attempt.steps().forEach(step -> steps.put(step.step().name(), step.duration().toMillis()));
        attempt.failure().ifPresent(failure -> {
            node.put("failureKind", failure.kind().name())
                    .put("failedStep", failure.step().name())
                    .put("message", failure.message());
            failure.field().ifPresent(field -> node.put("field", field.name()));
            failure.retryAfter().ifPresent(wait -> node.put("retryAfterSeconds", wait.toSeconds()));
            if (failure.unclear()) {
                node.put("unclear", true);
            }
        });
        attempt.stopId().ifPresent(id -> node.put("stopId", id));
        attempt.tokenExpiresAt().ifPresent(expiry -> node.put("tokenExpiresAt", TimeText.iso(expiry)));
        attempt.clockSkew().ifPresent(skew -> node.put("clockSkewMs", skew.toMillis()));
        return node;
    }

    /** @throws IllegalArgumentException when the line is not an attempt */
    static Attempt read(JsonNode node) {
        List<StepTiming> steps = new ArrayList<>();
        node.path("stepsMs").properties().forEach(step -> steps.add(
                new StepTiming(LoginStep.valueOf(step.getKey()), Duration.ofMillis(step.getValue().asLong()))));
        Optional<LoginFailure> failure = Optional.empty();
        if (node.hasNonNull("failureKind")) {
            failure = Optional.of(new LoginFailure(
                    FailureKind.valueOf(node.path("failureKind").asText()),
                    LoginStep.valueOf(node.path("failedStep").asText()),
                    node.path("message").asText(),
                    text(node, "field").map(CredentialField::valueOf),
                    number(node, "retryAfterSeconds").map(Duration::ofSeconds),
                    node.path("unclear").asBoolean(false)));
        }
        return new Attempt(
                Instant.parse(node.path("time").asText()),
                node.path("profile").asText(),
                Trigger.valueOf(node.path("trigger").asText()),
                Duration.ofMillis(node.path("durationMs").asLong()),
                steps,
                failure,
                text(node, "tokenExpiresAt").map(Instant::parse),
                number(node, "clockSkewMs").map(Duration::ofMillis),
                text(node, "stopId"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.path(field).asText()) : Optional.empty();
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.path(field).asLong()) : Optional.empty();
    }
}
