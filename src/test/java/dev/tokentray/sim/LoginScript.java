package dev.tokentray.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.UpstoxCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The login of the protocol note, one request per method, with the paths written out again
 * from the note (not taken from {@link Endpoint}), so that the tests check the simulator's paths.
 */
final class LoginScript {
    static final String DIALOG = "/v2/login/authorization/dialog";
    static final String OTP_GENERATE = "/login/open/v6/auth/1fa/otp/generate";
    static final String OTP_VERIFY_V5 = "/login/open/v5/auth/1fa/otp-totp/verify";
    static final String OTP_VERIFY_V4 = "/login/open/v4/auth/1fa/otp-totp/verify";
    static final String PIN_V4 = "/login/open/v4/auth/2fa";
    static final String PIN_V3 = "/login/open/v3/auth/2fa";
    static final String AUTHORIZE = "/login/v2/oauth/authorize";
    static final String TOKEN = "/v2/login/authorization/token";
    static final String UPSTOX_REDIRECT = "https://api-v2.upstox.com/login/authorization/redirect";

    final Browser browser;
    /** The {@code state} the dialog is opened with, as a browser login sends one; none when null. */
    String state;
    private final UpstoxCredentials credentials;
    private final Clock clock;

    LoginScript(UpstoxSimulator simulator, Clock clock) {
        this.browser = new Browser(simulator);
        this.credentials = simulator.account().credentials();
        this.clock = clock;
    }

    HttpResponse<String> openDialog() {
        return browser.get(DIALOG + "?response_type=code&client_id=" + credentials.clientId()
                + "&redirect_uri=" + encoded(credentials.redirectUri()) + (state == null ? "" : "&state=" + encoded(state)));
    }

    HttpResponse<String> generateOtp() {
        return browser.postJson(OTP_GENERATE, """
                {"data":{"mobileNumber":"%s","userId":"SIM001","countryIsdCode":"+91"}}"""
                .formatted(credentials.mobileNumber()));
    }

    /** Steps 1 and 2; the validateOTPToken. */
    String startOtp() {
        assertThat(openDialog().statusCode()).isEqualTo(302);
        JsonNode generated = Browser.json(generateOtp());
        assertThat(generated.path("success").asBoolean()).as(generated.toString()).isTrue();
        return generated.path("data").path("validateOTPToken").asText();
    }

    HttpResponse<String> verifyOtp(String path, String otpToken, String code) {
        return browser.postJson(path, """
                {"data":{"otp":"%s","validateOtpToken":"%s"}}""".formatted(code, otpToken));
    }

    String currentTotp() {
        return Totp.fromBase32(credentials.totpSecret()).codeAt(clock.instant());
    }

    HttpResponse<String> submitPinV4(String pin) {
        return browser.postJson(PIN_V4 + clientQuery(credentials.redirectUri()), """
                {"data":{"twoFAMethod":"SECRET_PIN","inputText":"%s","profileId":700001}}""".formatted(base64(pin)),
                "X-Profile-Id", "700001", "X-User-Id", "SIM001");
    }

    HttpResponse<String> submitPinV3(String pin) {
        return browser.postJson(PIN_V3 + clientQuery(UPSTOX_REDIRECT), """
                {"data":{"twoFAMethod":"SECRET_PIN","inputText":"%s"}}""".formatted(base64(pin)));
    }

    HttpResponse<String> authorize(String redirectUri) {
        return browser.postJson(AUTHORIZE + clientQuery(redirectUri) + "&requestId=WPRO-abcdefghij&response_type=code",
                """
                {"data":{"userOAuthApproval":true}}""");
    }

    /** Steps 1-5 of the NEW variant; the code. */
    String codeViaNewVariant() {
        String otpToken = startOtp();
        assertSuccess(verifyOtp(OTP_VERIFY_V5, otpToken, currentTotp()));
        assertSuccess(submitPinV4(credentials.pin().reveal()));
        return codeIn(assertSuccess(authorize(credentials.redirectUri())).path("redirectUri").asText());
    }

    /** Steps 1-4 of the OLD variant, following the PIN step's redirect; the code. */
    String codeViaOldVariant() {
        String otpToken = startOtp();
        assertSuccess(verifyOtp(OTP_VERIFY_V4, otpToken, currentTotp()));
        URI next = URI.create(assertSuccess(submitPinV3(credentials.pin().reveal())).path("redirectUri").asText());
        HttpResponse<String> redirect = browser.get(next);
        assertThat(redirect.statusCode()).isEqualTo(302);
        return codeIn(redirect.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> exchange(String code) {
        return exchange(code, credentials.clientSecret().reveal());
    }

    HttpResponse<String> exchange(String code, String clientSecret) {
        return browser.postForm(TOKEN, "code=" + code
                + "&client_id=" + credentials.clientId()
                + "&client_secret=" + encoded(clientSecret)
                + "&redirect_uri=" + encoded(credentials.redirectUri())
                + "&grant_type=authorization_code");
    }

    /** A whole login of the NEW variant; the access token. */
    String accessToken() {
        HttpResponse<String> answer = exchange(codeViaNewVariant());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Browser.json(answer).path("access_token").asText();
    }

    static JsonNode assertSuccess(HttpResponse<String> response) {
        JsonNode body = Browser.json(response);
        assertThat(body.path("success").asBoolean()).as(body.toString()).isTrue();
        return body.path("data");
    }

    static String codeIn(String uri) {
        String query = URI.create(uri).getQuery();
        assertThat(query).as(uri).startsWith("code=");
        return query.substring("code=".length()).replaceFirst("&.*", "");
    }

    private String clientQuery(String redirectUri) {
        return "?client_id=" + credentials.clientId() + "&redirect_uri=" + encoded(redirectUri);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
