package dev.tokentray.upstox;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.token.Secret;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks Upstox whether a token still works, with its cheapest read-only call, the user's profile:
 * 200 means alive, 401 with {@code UDAPI100050} dead. Anything else (no answer, a fault of
 * Upstox's, an answer the app does not know) says nothing about the token, so that a network
 * fault never passes for a revocation.
 */
public final class TokenCheck {
    static final String PROFILE = "/v2/user/profile";
    static final String INVALID_TOKEN = "UDAPI100050";

    /** What Upstox said of the token. */
    public enum Verdict {
        ALIVE,
        /** Upstox refuses it: expired, revoked, logged out, or ended by an IP change. */
        DEAD,
        /** No answer, or one that says nothing about the token. */
        UNKNOWN
    }

    /**
     * @param detail   why, in words, for the log (never the token)
     * @param userId   whose token it is, when Upstox answered the profile
     * @param userName the same user's name
     */
    public record Result(Verdict verdict, String detail, Optional<String> userId, Optional<String> userName) {
        public Result {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(userName, "userName");
        }

        Result(Verdict verdict, String detail) {
            this(verdict, detail, Optional.empty(), Optional.empty());
        }
    }

    private final UpstoxHosts hosts;
    private final LoginTimeouts timeouts;

    public TokenCheck(UpstoxHosts hosts, LoginTimeouts timeouts) {
        this.hosts = hosts;
        this.timeouts = timeouts;
    }

    /** @throws InterruptedException when the thread is interrupted while waiting for Upstox */
    public Result check(Secret token) throws InterruptedException {
        try (ApiRequests api = new ApiRequests(timeouts)) {
            HttpResponse<String> answer = api.get(hosts.api(PROFILE), token);
            return switch (answer.statusCode()) {
                case 200 -> alive(answer);
                case 401 -> errorCode(answer).filter(INVALID_TOKEN::equals).isPresent()
                        ? new Result(Verdict.DEAD, "Upstox refused the token (" + INVALID_TOKEN + ")")
                        : new Result(Verdict.UNKNOWN, "Upstox answered HTTP 401 without " + INVALID_TOKEN);
                default -> new Result(Verdict.UNKNOWN, "Upstox answered HTTP " + answer.statusCode());
            };
        } catch (ApiRequests.Unanswered e) {
            return new Result(Verdict.UNKNOWN, e.getMessage());
        }
    }

    private static Result alive(HttpResponse<String> answer) {
        JsonNode data = json(answer).map(json -> json.path("data")).orElse(Answer.JSON.missingNode());
        return new Result(Verdict.ALIVE, "Upstox answered the profile with this token",
                text(data, "user_id"), text(data, "user_name"));
    }

    private static Optional<String> text(JsonNode data, String field) {
        return Optional.of(data.path(field).asText("")).filter(text -> !text.isBlank());
    }

    private static Optional<JsonNode> json(HttpResponse<String> answer) {
        try {
            return Optional.ofNullable(Answer.JSON.readTree(answer.body()));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> errorCode(HttpResponse<String> answer) {
        return json(answer).flatMap(UpstoxError::in).map(UpstoxError::code);
    }
}
