package dev.tokentray.upstox;

import java.util.Arrays;
import java.util.List;

/**
 * The six steps of the TOTP login, in order (see ../shared/upstox-login-protocol.md), then the
 * two of the approval login (Upstox's "Access Token Request"), which has no number among them.
 */
public enum LoginStep {
    DIALOG("open the login dialog"),
    OTP_GENERATE("start the OTP session"),
    OTP_VERIFY("verify the TOTP code"),
    PIN("check the PIN"),
    AUTHORIZE("authorise the app"),
    TOKEN_EXCHANGE("exchange the code for a token"),
    /** The approval login's request: the API secret only, no PIN or TOTP. */
    TOKEN_REQUEST("the request for the trader's approval", false),
    /** The time the trader took to approve, until Upstox's webhook brought the token. */
    APPROVAL("the trader's approval", false);

    private final String description;
    private final boolean totpLogin;

    LoginStep(String description) {
        this(description, true);
    }

    LoginStep(String description, boolean totpLogin) {
        this.description = description;
        this.totpLogin = totpLogin;
    }

    public int number() {
        return ordinal() + 1;
    }

    /** The steps of the TOTP login, in order. */
    public static List<LoginStep> totpLogin() {
        return Arrays.stream(values()).filter(step -> step.totpLogin).toList();
    }

    /** The TOTP login's steps, whose progress is shown as "step n of 6". */
    public static int count() {
        return totpLogin().size();
    }

    public String description() {
        return description;
    }

    /** "step 4 of 6 (check the PIN)", for messages and progress; the approval's steps by their name. */
    @Override
    public String toString() {
        return totpLogin ? "step " + number() + " of " + count() + " (" + description + ")" : description;
    }
}
