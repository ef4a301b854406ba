package dev.tokentray.sim;

import java.time.Duration;
import java.util.Objects;

/** What can go wrong with one request, as seen from the client. */
public sealed interface Fault {

    /** An HTTP status (503, 403, 429 ...) with an empty body, as a gateway in front of Upstox sends it. */
    record Status(int code) implements Fault {
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("HTTP status must be 100-599, got " + code);
            }
        }
    }

    /**
     * An error of Upstox's own shape with a code and message no client knows, with this HTTP
     * status (200, as Upstox sends its errors, or a 403, 404 or 5xx carrying it).
     */
    record UnknownError(int status) implements Fault {
        public UnknownError {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("HTTP status must be 200-599, got " + status);
            }
        }
    }

    /** The connection is closed without an answer. */
    record ConnectionReset() implements Fault {}

    /** The bot wall: HTTP 200 with an HTML "Access Denied" page where JSON was due. */
    record BotWall() implements Fault {}

    /** The right answer, after a pause (for the client's timeouts). */
    record Delay(Duration pause) implements Fault {
        public Delay {
            Objects.requireNonNull(pause, "pause");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, got " + pause);
            }
        }
    }
}
