package dev.tokentray.upstox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.token.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to Upstox's documented API host outside the TOTP login (the token check, the approval
 * request): plain API requests, no cookies, no browser headers. A request that got no answer
 * throws {@link Unanswered}, saying why in words, for each caller to classify.
 */
final class ApiRequests implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRequests.class);

    private final LoginTimeouts timeouts;
    private final HttpClient http;

    ApiRequests(LoginTimeouts timeouts) {
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** No answer came: no connection, a connection cut off, or no answer in time. */
    static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String what) {
            super(what, null, false, false);
        }
    }

    /** A GET with the token as its Bearer. */
    HttpResponse<String> get(URI uri, Secret token) throws Unanswered, InterruptedException {
        return send(request(uri).header("Authorization", "Bearer " + token.reveal()).GET().build());
    }

    HttpResponse<String> postJson(URI uri, JsonNode body) throws Unanswered, InterruptedException {
        try {
            String json = Answer.JSON.writeValueAsString(body);
            return send(request(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeouts.request()).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws Unanswered, InterruptedException {
        String what;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // The path only: a query or body may carry a secret.
            LOG.debug("{} {} -> HTTP {}", request.method(), request.uri().getPath(), response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            what = "Upstox did not answer within " + timeouts.request().toSeconds() + " s";
        } catch (ConnectException e) {
            what = "no connection to " + request.uri().getHost();
        } catch (IOException e) {
            what = "the connection to " + request.uri().getHost() + " broke off";
        }
        LOG.debug("{} {} failed: {}", request.method(), request.uri().getPath(), what);
        throw new Unanswered(what);
    }

    @Override
    public void close() {
        http.close();
    }
}
