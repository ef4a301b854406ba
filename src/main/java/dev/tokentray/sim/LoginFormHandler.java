package dev.tokentray.sim;

import java.util.Map;
import java.util.Optional;

/**
 * The login page a person's browser sees, standing in for login.upstox.com: one form for the
 * mobile number, the TOTP code and the PIN. It checks them as the API steps do (the TOTP within
 * a step of the clock, the PIN, the account's lock after five wrong ones of either), and when all
 * are right redirects the browser to the registered redirect URI with a code and the dialog's
 * {@code state}. A wrong value shows the form again with Upstox's words for it.
 */
final class LoginFormHandler {
    private final KnownAccounts accounts;
    private final LoginSessions sessions;
    private final OtpHandler otp;
    private final PinHandler pin;
    private final AuthCodes codes;

    LoginFormHandler(KnownAccounts accounts, LoginSessions sessions, OtpHandler otp, PinHandler pin, AuthCodes codes) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.otp = otp;
        this.pin = pin;
        this.codes = codes;
    }

    /** The empty form. The TOTP login follows the dialog here too, and reads only the address. */
    Reply page(Request request) {
        return new Reply.Html(200, form(Optional.empty(), ""));
    }

    Reply submit(Request request) {
        Optional<SimulatedSession> session = sessions.of(request);
        if (session.isEmpty()) {
            return new Reply.Html(400, LoginPages.page("Upstox login (simulator)", LoginPages.alert(
                    "Your login session has expired or was never opened. Please start the login again from your app.")));
        }
        KnownAccounts.Known known = accounts.of(session.get());
        SimulatedAccount account = known.account();
        Map<String, String> fields = request.form();
        String mobile = fields.getOrDefault("mobileNumber", "").replaceAll("\\s", "");
        try {
            if (!account.credentials().mobileNumber().equals(mobile)) {
                throw Rejected.service(ErrorCodes.GENERIC, "Invalid mobile number");
            }
            // In the order of Upstox's own page: a wrong OTP never reaches the PIN.
            otp.checkTotp(known, fields.getOrDefault("otp", "").strip());
            pin.checkPin(known, fields.getOrDefault("pin", ""));
        } catch (Rejected rejected) {
            return new Reply.Html(200, form(Optional.of(rejected.text()), mobile));
        }
        sessions.end(session.get());
        return new Reply.Redirect(AuthorizeHandler.redirectWithCode(account, codes, session.get()), Optional.empty());
    }

    /** The form, with what went wrong, and the mobile number kept (never the OTP or the PIN). */
    private static String form(Optional<String> error, String mobile) {
        return LoginPages.page("Upstox login (simulator)", error.map(LoginPages::alert).orElse("") + """
                <p>This page stands in for login.upstox.com. Apps that log in by themselves use the login API instead.</p>
                <form method="post" action="%s" autocomplete="off">
                <p><label for="mobile">Mobile number</label><br>
                <input id="mobile" name="mobileNumber" inputmode="numeric" maxlength="10" value="%s" required></p>
                <p><label for="otp">TOTP (the 6-digit code of your authenticator app)</label><br>
                <input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" required></p>
                <p><label for="pin">PIN</label><br>
                <input id="pin" name="pin" type="password" inputmode="numeric" maxlength="6" required></p>
                <p><button id="continue" type="submit">Continue</button></p>
                </form>
                """.formatted(Endpoint.LOGIN_FORM.path(), LoginPages.escape(mobile)));
    }
}
