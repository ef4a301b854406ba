package dev.tokentray.upstox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one login. Steps 1-5 run in one browser-like session: one cookie jar, one
 * request id, the headers Upstox's own login page sends, redirects followed by the caller hop
 * by hop. Step 6 goes out as a fresh request without the login's cookies.
 */
final class CookieSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CookieSession.class);

    static final String LOGIN_PAGE = "https://login.upstox.com";
    static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LoginTimeouts timeouts;
    private final Clock clock;
    private final String requestId = "WPRO-" + randomId(10);
    private final HttpClient browser;
    private final HttpClient api;
    private Optional<Duration> clockSkew = Optional.empty();

    CookieSession(LoginTimeouts timeouts, Clock clock) {
        this.timeouts = timeouts;
        this.clock = clock;
        this.browser = client().cookieHandler(new CookieManager()).build();
        this.api = client().build();
    }

    private HttpClient.Builder client() {
        return HttpClient.newBuilder().connectTimeout(timeouts.connect()).followRedirects(HttpClient.Redirect.NEVER);
    }

    /** The login's request id, sent as {@code x-request-id} and as step 5's {@code requestId}. */
    String requestId() {
        return requestId;
    }

    /** This machine's clock minus Upstox's, from the last answer that had a {@code Date} header. */
    Optional<Duration> clockSkew() {
        return clockSkew;
    }

    Answer get(LoginStep step, URI uri) throws StepFailedException, InterruptedException {
        return send(step, browser, browserRequest(uri).GET().build());
    }

    Answer postJson(LoginStep step, URI uri, JsonNode body, Map<String, String> extraHeaders)
            throws StepFailedException, InterruptedException {
        HttpRequest.Builder request = browserRequest(uri).POST(HttpRequest.BodyPublishers.ofString(toJson(body)));
        extraHeaders.forEach(request::header);
        return send(step, browser, request.build());
    }

    /** A form post with no login cookie, as the token exchange wants. */
    Answer postForm(LoginStep step, URI uri, Map<String, String> form) throws StepFailedException, InterruptedException {
        String encoded = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeouts.request())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        return send(step, api, request);
    }

    private HttpRequest.Builder browserRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeouts.request())
                .header("Accept", "application/json, text/plain, */*")
                .header("Content-Type", "application/json")
                .header("Origin", LOGIN_PAGE)
                .header("Referer", LOGIN_PAGE + "/")
                .header("User-Agent", USER_AGENT)
                .header("x-request-id", requestId);
    }

    private Answer send(LoginStep step, HttpClient client, HttpRequest request)
            throws StepFailedException, InterruptedException {
        Instant start = clock.instant();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            noteClockSkew(response);
            // The path only: queries and bodies can carry codes and secrets.
            LOG.debug("{}: {} {} -> HTTP {} in {} ms", step, request.method(), request.uri().getPath(),
                    response.statusCode(), Duration.between(start, clock.instant()).toMillis());
            return new Answer(step, response);
        } catch (HttpTimeoutException e) {
            throw failed(step, request, "Upstox did not answer within " + timeouts.request().toSeconds() + " s");
        } catch (ConnectException e) {
            throw failed(step, request, "no connection to " + request.uri().getHost());
        } catch (IOException e) {
            throw failed(step, request, "the connection to " + request.uri().getHost() + " broke off");
        }
    }

    private StepFailedException failed(LoginStep step, HttpRequest request, String what) {
        LOG.debug("{}: {} {} failed: {}", step, request.method(), request.uri().getPath(), what);
        return new StepFailedException(FailureMessages.networkFault(step, what));
    }

    private void noteClockSkew(HttpResponse<String> response) {
        response.headers().firstValue("Date").ifPresent(date -> {
            try {
                Instant upstoxNow = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                clockSkew = Optional.of(Duration.between(upstoxNow, clock.instant()));
            } catch (DateTimeParseException e) {
                LOG.debug("Ignoring an unreadable Date header");
            }
        });
    }

    private static String toJson(JsonNode body) {
        try {
            return Answer.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    @Override
    public void close() {
        browser.close();
        api.close();
    }
}
