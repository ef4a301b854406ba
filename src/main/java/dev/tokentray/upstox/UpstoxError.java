package dev.tokentray.upstox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** An error code and message as Upstox puts them in one of its three error shapes. */
record UpstoxError(String code, String message) {

    /**
     * The error in an answer, if it is one: {@code {"success":false,"error":{code,message}}},
     * {@code {"data":{"status":"error","errors":[...]}}} or {@code {"status":"error","errors":[...]}}.
     */
    static Optional<UpstoxError> in(JsonNode answer) {
        if (answer.path("success").isBoolean() && !answer.path("success").asBoolean()) {
            JsonNode error = answer.path("error");
            return Optional.of(new UpstoxError(error.path("code").asText(""), error.path("message").asText("")));
        }
        if ("error".equals(answer.path("data").path("status").asText())) {
            return Optional.of(first(answer.path("data").path("errors")));
        }
        if ("error".equals(answer.path("status").asText())) {
            return Optional.of(first(answer.path("errors")));
        }
        return Optional.empty();
    }

    private static UpstoxError first(JsonNode errors) {
        JsonNode error = errors.path(0);
        String code = error.path("errorCode").asText(error.path("error_code").asText(""));
        return new UpstoxError(code, error.path("message").asText(""));
    }
}
