package dev.tokentray.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request, read in full, with what the handlers ask of it. Missing query parameters and
 * headers read as "", so that a handler simply compares them with the value it expects.
 */
record Request(String method, String path, Map<String, String> query, Headers headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Request read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    formFields(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders(),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    String query(String name) {
        return query.getOrDefault(name, "");
    }

    String header(String name) {
        return Objects.requireNonNullElse(headers.getFirst(name), "");
    }

    Optional<String> cookie(String name) {
        return headers.getOrDefault("Cookie", List.of()).stream()
                .flatMap(line -> Arrays.stream(line.split(";")))
                .map(String::strip)
                .filter(pair -> pair.startsWith(name + "="))
                .map(pair -> pair.substring(name.length() + 1))
                .findFirst();
    }

    Optional<String> bearerToken() {
        String authorization = header("Authorization");
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(authorization.substring(7).strip())
                : Optional.empty();
    }

    /**
     * The {@code data} object of a login service request ({@code {"data":{...}}}).
     *
     * @throws Rejected when the body is not such JSON
     */
    JsonNode data() {
        try {
            JsonNode data = JSON.readTree(body).path("data");
            if (data.isObject()) {
                return data;
            }
        } catch (IOException e) {
            // falls through to the rejection: not JSON
        }
        throw Rejected.service(ErrorCodes.GENERIC, "The body must be JSON of the form {\"data\":{...}}");
    }

    /** The body as a form. */
    Map<String, String> form() {
        return formFields(body);
    }

    /**
     * {@code a=1&b=2} into a map, first value of a name winning. Lenient on purpose: upstox-totp
     * builds its token form with an f-string, so a value may arrive without URL encoding, and a
     * stray {@code %} is then taken as it is.
     */
    private static Map<String, String> formFields(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            fields.putIfAbsent(decoded(name), decoded(value));
        }
        return fields;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return text;
        }
    }
}
