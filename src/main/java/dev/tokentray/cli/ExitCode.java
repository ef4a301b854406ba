package dev.tokentray.cli;

import dev.tokentray.accounts.UnknownProfileException;
import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.NoTokenInRedisException;
import dev.tokentray.launch.AppStartException;
import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.NoAutomaticLoginException;
import dev.tokentray.upstox.BrowserLoginException;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;

/** The exit codes scripts can rely on (documented in the README). */
enum ExitCode {
    OK(0),
    USAGE(2),
    /** No credentials stored, or no such account. */
    NO_CREDENTIALS(3),
    CREDENTIALS_REJECTED(4),
    NETWORK_OR_SERVICE(5),
    KEYCHAIN_UNAVAILABLE(6),
    BLOCKED_OR_CHANGED(7),
    /**
     * A login the trader takes part in ended without a token: the browser login timed out, was
     * refused on Upstox's page or got a wrong address; an approval request went unanswered.
     */
    LOGIN_UNFINISHED(8),
    /** No valid token, and the account's login method (approval, browser) needs the trader: nothing logged in. */
    NEEDS_THE_TRADER(9),
    /** The tray app cannot show anything here: no display, or one that refused it. */
    APP_CANNOT_START(10),
    /** A bug: the message and the log say what broke. */
    INTERNAL_ERROR(1);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }

    static ExitCode of(Throwable failure) {
        return switch (failure) {
            case LoginException login -> of(login.failure().kind());
            case LoginRefusedException refused -> of(refused.refusal().kind());
            case BrowserLoginException browser -> LOGIN_UNFINISHED;
            case ApprovalUnansweredException approval -> LOGIN_UNFINISHED;
            case NoAutomaticLoginException trader -> NEEDS_THE_TRADER;
            case AppStartException app -> APP_CANNOT_START;
            case KeychainException keychain -> KEYCHAIN_UNAVAILABLE;
            case NoCredentialsException none -> NO_CREDENTIALS;
            case UnknownProfileException unknown -> NO_CREDENTIALS;
            case NoTokenInRedisException none -> NEEDS_THE_TRADER;
            case FollowException redis -> NETWORK_OR_SERVICE;
            case IllegalArgumentException badInput -> USAGE;
            default -> INTERNAL_ERROR;
        };
    }

    private static ExitCode of(FailureKind kind) {
        return switch (kind) {
            case CREDENTIALS -> CREDENTIALS_REJECTED;
            case RATE_LIMITED, TRANSIENT -> NETWORK_OR_SERVICE;
            case BLOCKED, PROTOCOL_CHANGED -> BLOCKED_OR_CHANGED;
        };
    }
}
