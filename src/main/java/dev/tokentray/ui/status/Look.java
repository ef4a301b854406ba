package dev.tokentray.ui.status;

import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How the app looks for a state, in the tray and in the window: one icon and one colour each.
 * Every look differs by shape as well as colour, for traders who do not tell colours apart.
 */
public enum Look {
    VALID("tray-valid", "Token valid"),
    EXPIRING("tray-expiring", "Token expires soon"),
    /** Expired, revoked, or no token yet. */
    EXPIRED("tray-expired", "No valid token"),
    RENEWING("tray-renewing", "Renewing…"),
    /**
     * The trader must act: credentials rejected, login blocked or changed, keychain locked, no
     * credentials; also while the token is still valid, when nothing will replace it.
     */
    ATTENTION("tray-attention", "Needs your attention");

    /** The headline of {@link #ATTENTION} while the token still works. */
    public static final String VALID_BUT_STOPPED = "Token valid, but automatic renewal stopped";

    private final String icon;
    private final String headline;

    Look(String icon, String headline) {
        this.icon = icon;
        this.headline = headline;
    }

    /** The base name of the tray icon, e.g. {@code tray-valid}. */
    public String icon() {
        return icon;
    }

    public String headline() {
        return headline;
    }

    /** The style class the window uses for this look's colour. */
    public String styleClass() {
        return "look-" + name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param now            the time to judge the token at: now, not when the state was read, so that
     *                       a window or tray that shows one state for a while turns expiring and expired in time
     * @param expiringWithin when a token counts as expiring: an hour, or a minute in demo mode
     */
    public static Look of(RenewalSnapshot state, Instant now, Duration expiringWithin) {
        if (state.renewing()) {
            return RENEWING;
        }
        if (state.keychainProblem().isPresent()) {
            return ATTENTION;
        }
        return switch (TokenState.of(state.token(), now, expiringWithin)) {
            // A green tick at night would say all is well while no token will come in the morning.
            case VALID -> renewalStopped(state) ? ATTENTION : VALID;
            case EXPIRING -> renewalStopped(state) ? ATTENTION : EXPIRING;
            case EXPIRED, MISSING, REVOKED -> needsTheTrader(state) ? ATTENTION : EXPIRED;
        };
    }

    /** No automatic login will happen until the trader acts: a stop (a rejection, the history), or the keychain. */
    static boolean renewalStopped(RenewalSnapshot state) {
        return state.plan() instanceof Plan.Stopped || state.keychainProblem().isPresent();
    }

    /** Without a token, the trader must act when automation has stopped, or Upstox turned the app away. */
    private static boolean needsTheTrader(RenewalSnapshot state) {
        return state.plan() instanceof Plan.Stopped || automaticLoginBlocked(state);
    }

    /** The last login met Upstox's bot wall or a login that changed: the browser login still works. */
    static boolean automaticLoginBlocked(RenewalSnapshot state) {
        return state.lastAttempt()
                .filter(a -> a.failedWith(FailureKind.BLOCKED) || a.failedWith(FailureKind.PROTOCOL_CHANGED))
                .isPresent();
    }
}
