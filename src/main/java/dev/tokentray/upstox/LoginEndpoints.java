package dev.tokentray.upstox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Where each step of the login is sent, version by version, newest first, and what differs
 * between versions. Upstox changes these without notice: when it does, this is the file to
 * change (see ../shared/upstox-login-protocol.md).
 */
final class LoginEndpoints {
    static final List<String> DIALOG = List.of("/v2/login/authorization/dialog");
    static final List<String> OTP_GENERATE = List.of("/login/open/v6/auth/1fa/otp/generate");
    static final List<OtpVerify> OTP_VERIFY = List.of(OtpVerify.V5, OtpVerify.V4);
    static final List<PinCheck> PIN = List.of(PinCheck.V4, PinCheck.V3);
    static final List<String> AUTHORIZE = List.of("/login/v2/oauth/authorize");
    static final List<String> TOKEN = List.of("/v2/login/authorization/token");

    private LoginEndpoints() {}

    /** The Upstox account a verified TOTP logs into. */
    record Account(long profileId, String userId) {}

    enum OtpVerify {
        /** Lists the accounts of the mobile number: the default one, else the first, is used. */
        V5("/login/open/v5/auth/1fa/otp-totp/verify") {
            @Override
            JsonNode account(JsonNode data) {
                JsonNode accounts = data.path("accounts");
                for (JsonNode account : accounts) {
                    if (account.path("isDefault").asBoolean(false)) {
                        return account;
                    }
                }
                return accounts.path(0);
            }
        },
        V4("/login/open/v4/auth/1fa/otp-totp/verify") {
            @Override
            JsonNode account(JsonNode data) {
                return data.path("userProfile");
            }
        };

        final String path;

        OtpVerify(String path) {
            this.path = path;
        }

        /** The node holding {@code profileId} and {@code userId} (missing when the answer has none). */
        abstract JsonNode account(JsonNode data);
    }

    enum PinCheck {
        /** Names the account in the body and headers; answers no redirect, so step 5 follows. */
        V4("/login/open/v4/auth/2fa", true) {
            @Override
            String redirectUri(String registered) {
                return registered;
            }
        },
        /** Knows no profiles; logs in for Upstox's own redirect, whose hops lead to the code. */
        V3("/login/open/v3/auth/2fa", false) {
            @Override
            String redirectUri(String registered) {
                return "https://api-v2.upstox.com/login/authorization/redirect";
            }
        };

        final String path;
        private final boolean namesAccount;

        PinCheck(String path, boolean namesAccount) {
            this.path = path;
            this.namesAccount = namesAccount;
        }

        /** The {@code redirect_uri} this version sends, and step 5 repeats. */
        abstract String redirectUri(String registered);

        Map<String, String> headers(Account account) {
            return namesAccount
                    ? Map.of("X-Profile-Id", Long.toString(account.profileId()), "X-User-Id", account.userId())
                    : Map.of();
        }

        void addAccount(ObjectNode data, Account account) {
            if (namesAccount) {
                data.put("profileId", account.profileId());
            }
        }
    }
}
