package dev.tokentray.ui.tray;

import dev.tokentray.renew.RenewalState;
import dev.tokentray.token.TokenState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tray menu as data, built from the state; the tray adapter only draws it. Quit is always
 * there, whatever the state; the browser login whenever there are credentials to log in with.
 */
public final class TrayMenu {

    /** What an entry does when chosen. */
    public enum Action { COPY_TOKEN, RENEW_NOW, BROWSER_LOGIN, OPEN, SETTINGS, START_AT_LOGIN, QUIT }

    /**
     * One entry.
     *
     * @param checked for a check item, whether it is ticked; empty for a plain item
     */
    public record Entry(Action action, String label, boolean enabled, Optional<Boolean> checked) {
        static Entry item(Action action, String label, boolean enabled) {
            return new Entry(action, label, enabled, Optional.empty());
        }
    }

    private TrayMenu() {}

    /**
     * @param now          the time to judge the token at: a state read an hour ago may hold a token dead since
     * @param startAtLogin whether the app starts at login now; empty where the desktop has no such thing
     */
    public static List<Entry> of(RenewalState state, Instant now, Optional<Boolean> startAtLogin) {
        boolean usable = TokenState.of(state.token(), now).usable();
        ArrayList<Entry> entries = new ArrayList<>();
        entries.add(Entry.item(Action.COPY_TOKEN, usable ? "Copy token" : "Copy token (no valid token)", usable));
        entries.add(Entry.item(Action.RENEW_NOW, state.renewing() ? "Renewing…" : "Renew now", !state.renewing()));
        // The way to a token when the automatic login is blocked; it needs the stored API key and redirect URI.
        if (state.credentialsStored()) {
            entries.add(Entry.item(Action.BROWSER_LOGIN, "Log in with browser…", true));
        }
        entries.add(Entry.item(Action.OPEN, "Open Upstox Token Tray", true));
        entries.add(Entry.item(Action.SETTINGS, "Settings…", true));
        startAtLogin.ifPresent(on -> entries.add(new Entry(Action.START_AT_LOGIN, "Start at login", true,
                Optional.of(on))));
        entries.add(Entry.item(Action.QUIT, "Quit", true));
        return List.copyOf(entries);
    }
}
