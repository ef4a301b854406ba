package dev.tokentray.renew;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an account gets its token when the schedule says it is time. */
public enum LoginMethod {
    /** The automatic login with mobile number, TOTP and PIN. */
    TOTP("automatic login with the PIN and TOTP"),
    /** An approval request (Upstox's "Access Token Request") each morning: the trader approves in the Upstox app or on WhatsApp. */
    APPROVAL("approval request to the Upstox app and WhatsApp"),
    /** Nothing automatic: the trader logs in with the browser. */
    BROWSER("login with the browser, by hand");

    private final String description;

    LoginMethod(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name as the command line and the settings file write it: {@code totp}, {@code approval}, {@code browser}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the three */
    public static LoginMethod parse(String text) {
        return Arrays.stream(values()).filter(method -> method.id().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("A login method is one of "
                        + Arrays.stream(values()).map(LoginMethod::id).collect(Collectors.joining(", "))
                        + "; got '" + text + "'"));
    }
}
