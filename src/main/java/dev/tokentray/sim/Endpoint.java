package dev.tokentray.sim;

import dev.tokentray.upstox.LoginStep;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every path the simulator answers. The paths are written out here from the protocol note on
 * purpose, instead of being shared with the login client: a typo in the client then shows up
 * as a failing test instead of being copied into the simulator.
 */
public enum Endpoint {
    DIALOG("GET", "/v2/login/authorization/dialog", LoginStep.DIALOG, null),
    /**
     * Where the dialog redirects, standing in for login.upstox.com: followed as part of step 1 by
     * the TOTP login, and a login form (mobile, TOTP, PIN) for a person's browser.
     */
    LOGIN_PAGE("GET", "/", LoginStep.DIALOG, null),
    /**
     * Where the login page's form posts; its answer redirects the browser to the registered
     * redirect URI with the code. Of no step of the TOTP login: a fault injected to block that
     * login's OTP or PIN step leaves a person's browser login alone, as Upstox's bot wall does.
     */
    LOGIN_FORM("POST", "/login/form", null, null),
    OTP_GENERATE("POST", "/login/open/v6/auth/1fa/otp/generate", LoginStep.OTP_GENERATE, null),
    OTP_VERIFY_V5("POST", "/login/open/v5/auth/1fa/otp-totp/verify", LoginStep.OTP_VERIFY, EndpointVariant.NEW),
    OTP_VERIFY_V4("POST", "/login/open/v4/auth/1fa/otp-totp/verify", LoginStep.OTP_VERIFY, EndpointVariant.OLD),
    PIN_V4("POST", "/login/open/v4/auth/2fa", LoginStep.PIN, EndpointVariant.NEW),
    PIN_V3("POST", "/login/open/v3/auth/2fa", LoginStep.PIN, EndpointVariant.OLD),
    /**
     * The {@code redirectUri} of an accepted v3 PIN, standing in for
     * {@code https://api-v2.upstox.com/login/authorization/redirect}: it redirects to the
     * registered redirect URI with the code. Part of step 4, which follows it.
     */
    PIN_REDIRECT("GET", "/login/authorization/redirect", LoginStep.PIN, EndpointVariant.OLD),
    AUTHORIZE("POST", "/login/v2/oauth/authorize", LoginStep.AUTHORIZE, null),
    TOKEN("POST", "/v2/login/authorization/token", LoginStep.TOKEN_EXCHANGE, null),
    PROFILE("GET", "/v2/user/profile", null, null),
    LOGOUT("DELETE", "/v2/logout", null, null),
    /** The change of the account's static IP, which ends every token of the account. */
    USER_IP("PUT", "/v2/user/ip", null, null),
    /** The approval login's request; the path ends with the client id, so it matches as a prefix. */
    TOKEN_REQUEST("POST", "/v3/login/auth/token/request/", LoginStep.TOKEN_REQUEST, null, true),
    /** The simulator's own, not Upstox's: the trader approves the open request ({@code simulator approve}). */
    SIMULATOR_APPROVE("POST", "/simulator/approve", null, null);

    private final String method;
    private final String path;
    private final LoginStep step;
    private final EndpointVariant onlyIn;
    private final boolean prefix;

    Endpoint(String method, String path, LoginStep step, EndpointVariant onlyIn) {
        this(method, path, step, onlyIn, false);
    }

    /** @param prefix the path is followed by a parameter of the request */
    Endpoint(String method, String path, LoginStep step, EndpointVariant onlyIn, boolean prefix) {
        this.method = method;
        this.path = path;
        this.step = step;
        this.onlyIn = onlyIn;
        this.prefix = prefix;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The login step this endpoint belongs to; empty for the token's own endpoints and the login form. */
    public Optional<LoginStep> step() {
        return Optional.ofNullable(step);
    }

    public boolean isLiveIn(EndpointVariant variant) {
        return onlyIn == null || onlyIn == variant;
    }

    static Optional<Endpoint> at(String path) {
        return Arrays.stream(values())
                .filter(endpoint -> endpoint.path.equals(path)
                        || endpoint.prefix && path.startsWith(endpoint.path) && path.length() > endpoint.path.length())
                .findFirst();
    }
}
