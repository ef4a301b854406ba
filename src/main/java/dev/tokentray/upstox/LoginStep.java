package dev.tokentray.upstox;

/** The six steps of the TOTP login, in order (see ../shared/upstox-login-protocol.md). */
public enum LoginStep {
    DIALOG("open the login dialog"),
    OTP_GENERATE("start the OTP session"),
    OTP_VERIFY("verify the TOTP code"),
    PIN("check the PIN"),
    AUTHORIZE("authorise the app"),
    TOKEN_EXCHANGE("exchange the code for a token");

    private final String description;

    LoginStep(String description) {
        this.description = description;
    }

    public int number() {
        return ordinal() + 1;
    }

    public static int count() {
        return values().length;
    }

    public String description() {
        return description;
    }

    /** "step 4 of 6 (check the PIN)", for messages and progress. */
    @Override
    public String toString() {
        return "step " + number() + " of " + count() + " (" + description + ")";
    }
}
