package dev.tokentray.upstox;

import static dev.tokentray.upstox.EndpointVersions.firstLive;
import static dev.tokentray.upstox.QueryStrings.parameters;
import static dev.tokentray.upstox.QueryStrings.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.LoginEndpoints.Account;
import dev.tokentray.upstox.LoginEndpoints.OtpVerify;
import dev.tokentray.upstox.LoginEndpoints.PinCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** One run of the six login steps of ../shared/upstox-login-protocol.md, in one session. */
final class TotpLogin {
    private static final int MAX_HOPS = 10;

    private final UpstoxHosts hosts;
    private final CookieSession session;
    private final UpstoxCredentials credentials;
    private final Clock clock;
    private final StepRecorder steps;

    TotpLogin(UpstoxHosts hosts, CookieSession session, UpstoxCredentials credentials, LoginListener listener,
            Clock clock) {
        this.hosts = hosts;
        this.session = session;
        this.credentials = credentials;
        this.clock = clock;
        this.steps = new StepRecorder(listener, clock);
    }

    List<StepTiming> timings() {
        return steps.timings();
    }

    AccessToken run() throws StepFailedException, InterruptedException {
        String userId = steps.step(LoginStep.DIALOG, this::openDialog);
        String otpToken = steps.step(LoginStep.OTP_GENERATE, () -> startOtpSession(userId));
        Account account = steps.step(LoginStep.OTP_VERIFY, () -> verifyTotp(otpToken));
        PinOutcome pin = steps.step(LoginStep.PIN, () -> checkPin(account));
        String code = pin.code().isPresent()
                ? pin.code().get()
                : steps.step(LoginStep.AUTHORIZE, () -> authorize(pin.redirectUri()));
        return steps.step(LoginStep.TOKEN_EXCHANGE,
                () -> new TokenExchange(hosts, session, clock).exchange(credentials, Secret.of(code)));
    }

    /** Step 1: the dialog redirects to the login page, whose address carries the login's user id. */
    private String openDialog() throws StepFailedException, InterruptedException {
        Map<String, String> query = Map.of(
                "response_type", "code", "client_id", credentials.clientId(), "redirect_uri", credentials.redirectUri());
        return firstLive(LoginStep.DIALOG, LoginEndpoints.DIALOG,
                path -> get(LoginStep.DIALOG, hosts.api(path + query(query))),
                (path, first) -> {
                    Answer page = follow(LoginStep.DIALOG, first, uri -> false).last();
                    Map<String, String> parameters = parameters(page.uri());
                    if (parameters.containsKey("user_id") && parameters.containsKey("client_id")
                            && parameters.containsKey("user_type")) {
                        return parameters.get("user_id");
                    }
                    if (page == first) {
                        first.json(); // classifies the error, the bot wall or the fault that came instead
                    }
                    throw new StepFailedException(FailureMessages.protocolChanged(LoginStep.DIALOG,
                            "the login page's address lacks user_id, client_id or user_type"));
                });
    }

    /** Step 2: opens the OTP session; a TOTP login needs its token, not the SMS it may send. */
    private String startOtpSession(String userId) throws StepFailedException, InterruptedException {
        ObjectNode data = Answer.JSON.createObjectNode()
                .put("mobileNumber", credentials.mobileNumber())
                .put("userId", userId)
                .put("countryIsdCode", "+91");
        return firstLive(LoginStep.OTP_GENERATE, LoginEndpoints.OTP_GENERATE,
                path -> session.postJson(LoginStep.OTP_GENERATE, hosts.service(path), envelope(data), Map.of()),
                (path, answer) -> answer.required(answer.json(), "/data/validateOTPToken"));
    }

    /** Step 3: the TOTP of this moment; the answer names the account to log into. */
    private Account verifyTotp(String otpToken) throws StepFailedException, InterruptedException {
        String code = Totp.fromBase32(credentials.totpSecret()).codeAt(clock.instant());
        ObjectNode data = Answer.JSON.createObjectNode().put("otp", code).put("validateOtpToken", otpToken);
        return firstLive(LoginStep.OTP_VERIFY, LoginEndpoints.OTP_VERIFY,
                (OtpVerify version) -> session.postJson(
                        LoginStep.OTP_VERIFY, hosts.service(version.path), envelope(data), Map.of()),
                (version, answer) -> {
                    JsonNode account = version.account(answer.json().path("data"));
                    if (!account.path("profileId").canConvertToLong()) {
                        throw new StepFailedException(FailureMessages.protocolChanged(
                                LoginStep.OTP_VERIFY, "its answer names no account with a profileId"));
                    }
                    return new Account(account.path("profileId").asLong(), answer.required(account, "/userId"));
                });
    }

    private record PinOutcome(Optional<String> code, String redirectUri) {}

    /** Step 4: the PIN, base64-encoded once. Some versions answer the way to the code at once. */
    private PinOutcome checkPin(Account account) throws StepFailedException, InterruptedException {
        String pin = Base64.getEncoder().encodeToString(credentials.pin().reveal().getBytes(StandardCharsets.UTF_8));
        return firstLive(LoginStep.PIN, LoginEndpoints.PIN,
                (PinCheck version) -> {
                    ObjectNode data = Answer.JSON.createObjectNode().put("twoFAMethod", "SECRET_PIN").put("inputText", pin);
                    version.addAccount(data, account);
                    URI uri = hosts.service(version.path + query(Map.of("client_id", credentials.clientId(),
                            "redirect_uri", version.redirectUri(credentials.redirectUri()))));
                    return session.postJson(LoginStep.PIN, uri, envelope(data), version.headers(account));
                },
                (version, answer) -> {
                    String redirectUri = version.redirectUri(credentials.redirectUri());
                    JsonNode next = answer.json().path("data").path("redirectUri");
                    if (next.isNull() || next.isMissingNode() || next.asText().isBlank()) {
                        return new PinOutcome(Optional.empty(), redirectUri); // an external app: step 5 asks for the code
                    }
                    return new PinOutcome(Optional.of(huntCode(address(LoginStep.PIN, next.asText()))), redirectUri);
                });
    }

    /** Step 5: the trader's approval of the app, which Upstox answers with the code. */
    private String authorize(String redirectUri) throws StepFailedException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", credentials.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("requestId", session.requestId());
        query.put("response_type", "code");
        ObjectNode data = Answer.JSON.createObjectNode().put("userOAuthApproval", true);
        return firstLive(LoginStep.AUTHORIZE, LoginEndpoints.AUTHORIZE,
                path -> session.postJson(LoginStep.AUTHORIZE, hosts.service(path + query(query)), envelope(data), Map.of()),
                (path, answer) -> {
                    URI withCode = address(LoginStep.AUTHORIZE, answer.required(answer.json(), "/data/redirectUri"));
                    return Optional.ofNullable(parameters(withCode).get("code")).orElseThrow(() -> new StepFailedException(
                            FailureMessages.protocolChanged(LoginStep.AUTHORIZE, "its redirect carries no code")));
                });
    }

    /**
     * Follows the hops from step 4's redirect until an address carries {@code ?code=}. The PIN was
     * accepted by then: whatever a hop answers, it is not a rejection, and no hop sends the PIN.
     */
    private String huntCode(URI start) throws StepFailedException, InterruptedException {
        URI target = parameters(start).containsKey("code") ? start
                : follow(LoginStep.PIN, get(LoginStep.PIN, start), uri -> parameters(uri).containsKey("code")).target();
        return Optional.ofNullable(parameters(target).get("code")).orElseThrow(() -> new StepFailedException(
                FailureMessages.protocolChanged(LoginStep.PIN, "its redirects end without a code")));
    }

    /** An address Upstox answered, which must be one (never quoted: it may carry a code). */
    private static URI address(LoginStep step, String text) throws StepFailedException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new StepFailedException(FailureMessages.protocolChanged(step, "it answered a malformed address"));
        }
    }

    /** Where a chain of redirects ended: the last answer, and the address it stopped at. */
    private record Hops(Answer last, URI target) {}

    /**
     * Follows redirects from {@code answer}, one hop at a time, until {@code arrived} holds for an
     * address (which is then not requested) or an answer is not a redirect.
     */
    private Hops follow(LoginStep step, Answer answer, Predicate<URI> arrived) throws StepFailedException, InterruptedException {
        Answer last = answer;
        for (int hop = 0; hop <= MAX_HOPS; hop++) {
            if (!last.isRedirect()) {
                return new Hops(last, last.uri());
            }
            URI next = last.location().orElseThrow(() -> new StepFailedException(
                    FailureMessages.protocolChanged(step, "a redirect came without a Location")));
            if (arrived.test(next)) {
                return new Hops(last, next);
            }
            last = get(step, next);
        }
        throw new StepFailedException(FailureMessages.protocolChanged(step, "it redirected more than " + MAX_HOPS + " times"));
    }

    /**
     * One hop. The trader's registered redirect URI is never requested: nothing may be listening
     * there, or something else may.
     */
    private Answer get(LoginStep step, URI uri) throws StepFailedException, InterruptedException {
        if (isRegisteredRedirect(uri) || !UpstoxHosts.isSafe(uri)) {
            throw new StepFailedException(FailureMessages.protocolChanged(step, "it redirected to " + uri.getScheme()
                    + "://" + uri.getHost() + uri.getPath() + " before the app had what it needs"));
        }
        return session.get(step, uri);
    }

    private boolean isRegisteredRedirect(URI uri) {
        URI registered = URI.create(credentials.redirectUri());
        return uri.getScheme().equalsIgnoreCase(registered.getScheme())
                && uri.getHost().equalsIgnoreCase(registered.getHost())
                && port(uri) == port(registered)
                && normalisedPath(uri).equals(normalisedPath(registered));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String normalisedPath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static ObjectNode envelope(ObjectNode data) {
        ObjectNode body = Answer.JSON.createObjectNode();
        body.set("data", data);
        return body;
    }
}
