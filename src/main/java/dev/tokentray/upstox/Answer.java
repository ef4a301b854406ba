package dev.tokentray.upstox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** One answer of Upstox at one step, read the way the protocol note describes. */
final class Answer {
    static final ObjectMapper JSON = new ObjectMapper();

    private final LoginStep step;
    private final HttpResponse<String> response;

    Answer(LoginStep step, HttpResponse<String> response) {
        this.step = step;
        this.response = response;
    }

    LoginStep step() {
        return step;
    }

    int status() {
        return response.statusCode();
    }

    URI uri() {
        return response.uri();
    }

    boolean isRedirect() {
        return switch (status()) {
            case 301, 302, 303, 307, 308 -> true;
            default -> false;
        };
    }

    /** Where a redirect points, resolved against the address that answered. */
    Optional<URI> location() {
        return response.headers().firstValue("Location").map(location -> uri().resolve(location.strip()));
    }

    boolean isHtml() {
        return mediaType().equals("text/html");
    }

    /** 404 and 405 say "this version of the endpoint is gone"; nothing else moves to an older version. */
    boolean endpointGone() {
        return status() == 404 || status() == 405;
    }

    /**
     * The JSON of an answer where JSON was due, after the checks every step shares.
     *
     * @throws StepFailedException classified: blocked, rate limited, transient, an Upstox error, or changed
     */
    JsonNode json() throws StepFailedException {
        if (status() == 403) {
            throw new StepFailedException(FailureMessages.blocked(step, "HTTP 403"));
        }
        if (status() >= 500) {
            throw new StepFailedException(FailureMessages.serviceFault(step, status()));
        }
        if (!mediaType().equals("application/json")) {
            throw new StepFailedException(notJson());
        }
        JsonNode json = parse();
        Optional<UpstoxError> error = UpstoxError.in(json);
        if (error.isPresent()) {
            throw new StepFailedException(FailureMessages.classify(step, error.get(), retryAfter()));
        }
        if (status() == 429) {
            throw new StepFailedException(rateLimited());
        }
        if (status() >= 400) {
            throw new StepFailedException(
                    FailureMessages.protocolChanged(step, "it answered HTTP " + status() + " without an error code"));
        }
        return json;
    }

    /** A text field that the step needs, or a "login has changed" failure naming it. */
    String required(JsonNode json, String pointer) throws StepFailedException {
        JsonNode node = json.at(pointer);
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            throw new StepFailedException(
                    FailureMessages.protocolChanged(step, "its answer lacks " + pointer.substring(1).replace('/', '.')));
        }
        return node.asText();
    }

    private LoginFailure notJson() {
        if (status() == 429) {
            return rateLimited();
        }
        return isHtml()
                ? FailureMessages.blocked(step, "a web page came where data was due")
                : FailureMessages.protocolChanged(step, "it answered " + describeType() + " instead of JSON");
    }

    private LoginFailure rateLimited() {
        return FailureMessages.rateLimited(step, retryAfter().orElse(FailureMessages.DEFAULT_RATE_LIMIT_WAIT));
    }

    private JsonNode parse() throws StepFailedException {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JacksonException e) {
            // handled below: the message must not quote the body, which may hold a token
        }
        throw new StepFailedException(FailureMessages.protocolChanged(step, "its answer is not a JSON object"));
    }

    private Optional<Duration> retryAfter() {
        return response.headers().firstValue("Retry-After")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())));
    }

    private String mediaType() {
        return response.headers().firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    private String describeType() {
        String type = mediaType();
        return type.isEmpty() ? "no content type (HTTP " + status() + ")" : type + " (HTTP " + status() + ")";
    }
}
