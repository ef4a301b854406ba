package dev.tokentray.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** An answer of the simulator, and how it goes on the wire. */
sealed interface Reply {

    int status();

    void writeTo(HttpExchange exchange) throws IOException;

    /** Steps 2-5: {@code {"success":true,"data":{...}}}. */
    static Reply serviceData(Object data) {
        return new Json(200, new ServiceSuccess(true, data));
    }

    /** Steps 2-5 fail with HTTP 200, as Upstox does: {@code {"success":false,"error":{...}}}. */
    static Reply serviceError(String code, String message) {
        return new Json(200, new ServiceFailure(false, new ServiceError(code, message)));
    }

    /** The API host's envelope: {@code {"status":"success","data":...}}. */
    static Reply apiData(Object data) {
        return new Json(200, new ApiSuccess("success", data));
    }

    /** The API host's error envelope, with a 4xx status. */
    static Reply apiError(int status, String code, String message) {
        return new Json(status, new ApiFailure("error", List.of(new ApiError(code, code, message))));
    }

    record Json(int status, Object body) implements Reply {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            // Exactly "application/json": upstox-totp compares the header with this string.
            send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
        }
    }

    record Html(int status, String page) implements Reply {
        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        }
    }

    record Redirect(URI location, Optional<String> setCookie) implements Reply {
        @Override
        public int status() {
            return 302;
        }

        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Location", location.toString());
            setCookie.ifPresent(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
            exchange.sendResponseHeaders(status(), -1);
        }
    }

    /** A bare status, as gateways send for 404, 405 or 503. */
    record Empty(int status) implements Reply {
        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    record ServiceSuccess(boolean success, Object data) {}

    record ServiceFailure(boolean success, ServiceError error) {}

    record ServiceError(String code, String message) {}

    record ApiSuccess(String status, Object data) {}

    record ApiFailure(String status, List<ApiError> errors) {}

    /** Upstox sends the code twice, in camel and in snake case. */
    record ApiError(String errorCode, @JsonProperty("error_code") String errorCodeInSnakeCase, String message) {}
}
