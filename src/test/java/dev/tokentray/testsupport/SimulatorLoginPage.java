package dev.tokentray.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at the simulator's login page, over plain HTTP (the tests that need a real browser use
 * Chromium): opens a browser login's address, follows the dialog to the form, fills it in, and
 * tells where the form sent the browser. It does not follow that last redirect, so a test decides
 * what happens to the code: paste the address, or hand it to a listener.
 */
public final class SimulatorLoginPage {
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * Logs in on the page the dialog at {@code address} leads to.
     *
     * @return the address the form redirected to (the redirect URI with the code), or, when it
     *     did not redirect, fails with the page it showed
     */
    public URI logIn(URI address, String mobile, String otp, String pin) throws IOException, InterruptedException {
        HttpResponse<String> dialog = get(address);
        if (dialog.statusCode() != 302) {
            throw new IOException("The dialog answered HTTP " + dialog.statusCode() + ": " + dialog.body());
        }
        URI page = address.resolve(dialog.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> form = get(page);
        Matcher action = FORM_ACTION.matcher(form.body());
        if (!action.find()) {
            throw new IOException("The login page has no form: " + form.body());
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(page.resolve(action.group(1)))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("mobileNumber=" + encoded(mobile) + "&otp="
                                + encoded(otp) + "&pin=" + encoded(pin)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new IOException("The form did not redirect (HTTP " + answer.statusCode() + "): " + answer.body());
        }
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** A GET as the browser sends it, when it follows the redirect: the answer, whatever its status. */
    public HttpResponse<String> get(URI address) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
