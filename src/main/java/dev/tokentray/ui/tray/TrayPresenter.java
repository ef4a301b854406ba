package dev.tokentray.ui.tray;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.status.StatusView;
import dev.tokentray.ui.status.WorstLook;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the accounts' states into what the tray shows, and shows it: the worst look of all the
 * accounts as the icon, a tooltip line per account, and the menu as data ({@link TrayMenu}). The
 * {@link Tray} only draws; this decides. {@link #view} is a pure function, tested without a tray.
 */
public final class TrayPresenter {
    private final Tray tray;
    private final String title;
    private final Duration expiringWithin;
    private final Supplier<Optional<Boolean>> startAtLogin;

    /**
     * @param title          the app's name as the tooltip begins with it ("Upstox Token Tray (demo)")
     * @param expiringWithin when a token counts as expiring: an hour, or a minute in demo mode
     * @param startAtLogin   whether the app starts at login now; empty where the desktop has no such thing
     */
    public TrayPresenter(Tray tray, String title, Duration expiringWithin, Supplier<Optional<Boolean>> startAtLogin) {
        this.tray = Objects.requireNonNull(tray, "tray");
        this.title = title;
        this.expiringWithin = expiringWithin;
        this.startAtLogin = startAtLogin;
    }

    /** Shows the accounts as they are at {@code now}; showing the same again costs the tray little. */
    public void show(List<AccountSnapshot> accounts, Instant now) {
        tray.show(view(accounts, now, startAtLogin.get(), title, expiringWithin));
    }

    /** What the tray shows before the keychain was read. */
    public static TrayView reading(String title) {
        return new TrayView(Look.EXPIRED, title + ": reading the keychain…", List.of());
    }

    /**
     * The icon is the worst look of the accounts (an account that needs the trader before one whose
     * token expired, before one expiring, renewing, valid). With one account the tooltip is one
     * line, as it always was; with several, the title and then a line per account.
     */
    public static TrayView view(List<AccountSnapshot> accounts, Instant now, Optional<Boolean> startAtLogin,
            String title, Duration expiringWithin) {
        List<TrayMenu.Item> menu = TrayMenu.of(accounts, now, startAtLogin);
        if (accounts.isEmpty()) {
            return new TrayView(Look.ATTENTION, title + ": no account yet; open the window to add one", menu);
        }
        List<Look> looks = accounts.stream().map(a -> Look.of(a.state(), now, expiringWithin)).toList();
        if (accounts.size() == 1) {
            StatusView only = StatusView.of(accounts.getFirst().state(), accounts.getFirst().stats(), now,
                    ZoneId.systemDefault(), expiringWithin);
            return new TrayView(looks.getFirst(), title + ": " + only.tooltip(), menu);
        }
        StringBuilder tooltip = new StringBuilder(title);
        for (int i = 0; i < accounts.size(); i++) {
            tooltip.append('\n').append(accounts.get(i).name()).append(": ").append(line(accounts.get(i), looks.get(i), now));
        }
        return new TrayView(WorstLook.of(looks), tooltip.toString(), menu);
    }

    /** One account's tooltip line, short: "valid until 03:30 IST, 17 h 12 min left". */
    private static String line(AccountSnapshot account, Look look, Instant now) {
        Optional<Instant> expiry = account.state().token().map(AccessToken::expiresAt);
        return switch (look) {
            case VALID -> "valid until " + hourMinute(expiry.orElseThrow()) + ", " + left(expiry.orElseThrow(), now);
            case EXPIRING -> "expires at " + hourMinute(expiry.orElseThrow()) + ", " + left(expiry.orElseThrow(), now);
            case EXPIRED -> account.state().token().flatMap(AccessToken::revokedAt).map(r -> "revoked at " + hourMinute(r))
                    .or(() -> expiry.map(e -> "expired at " + hourMinute(e))).orElse("no token yet");
            case RENEWING -> "renewing";
            // A token that still works with nothing to replace it: both, or the trader sees only one.
            case ATTENTION -> account.state().token().filter(t -> t.stateAt(now).usable())
                    .map(t -> "valid until " + hourMinute(t.expiresAt()) + ", but automatic renewal stopped")
                    .orElse("needs your attention");
        };
    }

    private static String left(Instant expiry, Instant now) {
        return TimeText.span(Duration.between(now, expiry)) + " left";
    }

    private static String hourMinute(Instant time) {
        return String.format("%tR IST", time.atZone(TokenExpiry.IST));
    }
}
