package dev.tokentray.shared;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.renew.LoginCoordination.SharedWait;
import dev.tokentray.renew.SharedStop;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Shared stops and waits as the JSON Redis keeps them: what Upstox said, never a value that was sent. */
final class StopJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StopJson() {}

    /** The hash field a stop goes under: the rejected value's name, or {@code account} for a locked account. */
    static String field(SharedStop stop) {
        return stop.failure().field().map(field -> field.name().toLowerCase(Locale.ROOT)).orElse("account");
    }

    static String write(SharedStop stop) {
        ObjectNode node = JSON.createObjectNode().put("id", stop.id()).put("time", stop.time().toString())
                .put("step", stop.failure().step().name()).put("message", stop.failure().message())
                .put("unclear", stop.failure().unclear());
        stop.failure().field().ifPresent(field -> node.put("field", field.name()));
        return node.toString();
    }

    /** The stop, or empty for one this version cannot read (it is logged by the caller). */
    static Optional<SharedStop> readStop(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            Optional<CredentialField> field = node.hasNonNull("field")
                    ? Optional.of(CredentialField.valueOf(node.get("field").asText())) : Optional.empty();
            LoginFailure failure = new LoginFailure(FailureKind.CREDENTIALS, LoginStep.valueOf(node.get("step").asText()),
                    node.get("message").asText(), field, Optional.empty(), node.path("unclear").asBoolean());
            return Optional.of(new SharedStop(node.get("id").asText(), failure, Instant.parse(node.get("time").asText())));
        } catch (JacksonException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String write(SharedWait wait) {
        return JSON.createObjectNode().put("until", wait.until().toString()).put("step", wait.step().name())
                .put("message", wait.message()).toString();
    }

    static Optional<SharedWait> readWait(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return Optional.of(new SharedWait(Instant.parse(node.get("until").asText()),
                    LoginStep.valueOf(node.get("step").asText()), node.get("message").asText()));
        } catch (JacksonException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
