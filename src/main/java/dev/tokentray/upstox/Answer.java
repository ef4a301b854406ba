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

    /**
     * 404 and 405 without an error of Upstox's say "this version of the endpoint is gone"; nothing
     * else moves to an older version. With Upstox's error in it, the endpoint lives and answered.
     */
    boolean endpointGone() {
        return (status() == 404 || status() == 405) && upstoxError().isEmpty();
    }

    /**
     * The JSON of an answer where JSON was due, after the checks every step shares.
     *
     * <p>Where the PIN or the TOTP code was sent, an answer the app does not know (an unknown
     * error code or message, an error status with no code) may be Upstox turning the value down,
     * so it is {@linkplain FailureMessages#unclear unclear}, which stops like a rejection; there a
     * 403 or 5xx is the bot wall or a fault of Upstox's only when it carries no error of Upstox's
     * own. Elsewhere an unknown answer means the login changed, a 403 the bot wall, a 5xx a fault.
     *
     * @throws StepFailedException classified: blocked, rate limited, transient, an Upstox error, or changed
     */
    JsonNode json() throws StepFailedException {
        Optional<UpstoxError> error = upstoxError();
        if (error.isPresent() && (FailureMessages.secretSentAt(step).isPresent() || status() < 500 && status() != 403)) {
            throw new StepFailedException(FailureMessages.classify(step, error.get(), retryAfter()));
        }
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
        if (status() == 429) {
            throw new StepFailedException(rateLimited());
        }
        if (status() >= 400) {
            String what = "it answered HTTP " + status() + " without an error code";
            throw new StepFailedException(FailureMessages.secretSentAt(step).isPresent()
                    ? FailureMessages.unclear(step, what)
                    : FailureMessages.protocolChanged(step, what));
        }
        return json;
    }

    /** Upstox's error, in one of its shapes, when the answer is a JSON object that holds one. */
    private Optional<UpstoxError> upstoxError() {
        if (!mediaType().equals("application/json")) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(response.body());
            return json != null && json.isObject() ? UpstoxError.in(json) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty(); // not JSON after all: read below, without quoting the body
        }
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
