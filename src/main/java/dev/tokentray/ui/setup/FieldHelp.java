package dev.tokentray.ui.setup;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoopbackListener;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** What each value is and where the trader finds it, as the setup wizard says it under the field. */
public final class FieldHelp {
    /** The Upstox developer console's list of apps, where API key, secret and redirect URI are. */
    public static final String DEVELOPER_APPS = "account.upstox.com/developer/apps";
    /** The redirect URI to register when the app is new: loopback, so no code leaves the computer. */
    public static final String RECOMMENDED_REDIRECT = "http://127.0.0.1:5055/callback";

    private FieldHelp() {}

    public static String of(CredentialField field) {
        return switch (field) {
            case MOBILE -> "The 10-digit mobile number you log in to Upstox with.";
            case PIN -> "The 6-digit PIN you enter after the TOTP code when you log in to Upstox.";
            case TOTP_SECRET -> "On Upstox: My Account › Security › Set up TOTP, the text under the QR code"
                    + " (the one you gave your authenticator app).";
            case CLIENT_ID -> "Upstox developer console (" + DEVELOPER_APPS + "), My Apps: the API key of your app.";
            case CLIENT_SECRET -> "The same page: the API secret of that app.";
            case REDIRECT_URI -> "The same page: the redirect URL of that app, exactly as written there. For a new"
                    + " app, register " + RECOMMENDED_REDIRECT + ": when Upstox blocks the automatic login, the"
                    + " login with the browser then comes back to this app by itself.";
        };
    }

    /**
     * What a redirect URI means for the browser login, when the trader should know: one the app
     * cannot listen on makes the trader paste the address the browser ends on. Empty for a
     * loopback address, and for a value that is no address yet (its problem says so).
     */
    public static Optional<String> browserLoginHint(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || LoopbackListener.canListenAt(uri)) {
            return Optional.empty();
        }
        return Optional.of("This address is not on this computer: for the login with the browser you will paste"
                + " the address the browser ends on. With " + RECOMMENDED_REDIRECT + " registered, the app"
                + " takes the login by itself.");
    }

    /** The label with its keyboard mnemonic ("_PIN"), one distinct letter per field. */
    public static String mnemonicLabel(CredentialField field) {
        return switch (field) {
            case MOBILE -> "_Mobile number";
            case PIN -> "_PIN";
            case TOTP_SECRET -> "_TOTP secret";
            case CLIENT_ID -> "API _key";
            case CLIENT_SECRET -> "API s_ecret";
            case REDIRECT_URI -> "_Redirect URI";
        };
    }

    /** Example text shown in an empty field. */
    public static String prompt(CredentialField field) {
        return switch (field) {
            case MOBILE -> "10 digits";
            case PIN -> "6 digits";
            case TOTP_SECRET -> "Base32, e.g. JBSWY3DPEHPK3PXP…";
            case CLIENT_ID -> "e.g. 5b1f7a0c-…";
            case CLIENT_SECRET -> "";
            case REDIRECT_URI -> RECOMMENDED_REDIRECT;
        };
    }

    /** The node id of the field's input, for tests and tools: {@code mobile}, {@code pin}, ... */
    public static String nodeId(CredentialField field) {
        return switch (field) {
            case MOBILE -> "mobile";
            case PIN -> "pin";
            case TOTP_SECRET -> "totpSecret";
            case CLIENT_ID -> "clientId";
            case CLIENT_SECRET -> "clientSecret";
            case REDIRECT_URI -> "redirectUri";
        };
    }
}
