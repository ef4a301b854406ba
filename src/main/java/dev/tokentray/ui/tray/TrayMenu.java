package dev.tokentray.ui.tray;

import dev.tokentray.renew.RenewalState;
import dev.tokentray.token.TokenState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tray menu as data, built from the state; the tray adapters only draw it. Quit is always
 * there, whatever the state; the browser login whenever there are credentials to log in with.
 */
public final class TrayMenu {

    /** What an entry does when chosen. */
    public enum Action { COPY_TOKEN, RENEW_NOW, BROWSER_LOGIN, OPEN, SETTINGS, START_AT_LOGIN, QUIT }

    /**
     * What the trader chose: an action, and the account it is for where the menu names one.
     *
     * @param account the profile's name, or empty for an action of the whole app
     */
    public record Choice(Action action, Optional<String> account) {
        public Choice {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(account, "account");
        }

        public static Choice of(Action action) {
            return new Choice(action, Optional.empty());
        }
    }

    /** An entry of the menu: values only, so that a menu equal to the one shown is not rebuilt. */
    public sealed interface Item {}

    /** A plain entry. */
    public record Command(Choice choice, String label, boolean enabled) implements Item {}

    /** A check entry (Start at login): chosen, it asks to flip {@code checked}. */
    public record Toggle(Choice choice, String label, boolean checked) implements Item {}

    /** A submenu (the accounts' entries), drawn as a cascade. */
    public record Submenu(String label, List<Item> items) implements Item {
        public Submenu {
            items = List.copyOf(items);
        }
    }

    /** A line between groups of entries. */
    public record Separator() implements Item {}

    private TrayMenu() {}

    /**
     * @param now          the time to judge the token at: a state read an hour ago may hold a token dead since
     * @param startAtLogin whether the app starts at login now; empty where the desktop has no such thing
     */
    public static List<Item> of(RenewalState state, Instant now, Optional<Boolean> startAtLogin) {
        boolean usable = TokenState.of(state.token(), now).usable();
        ArrayList<Item> items = new ArrayList<>();
        items.add(command(Action.COPY_TOKEN, usable ? "Copy token" : "Copy token (no valid token)", usable));
        items.add(command(Action.RENEW_NOW, state.renewing() ? "Renewing…" : "Renew now", !state.renewing()));
        // The way to a token when the automatic login is blocked; it needs the stored API key and redirect URI.
        if (state.credentialsStored()) {
            items.add(command(Action.BROWSER_LOGIN, "Log in with browser…", true));
        }
        items.add(command(Action.OPEN, "Open Upstox Token Tray", true));
        items.add(new Separator());
        items.add(command(Action.SETTINGS, "Settings…", true));
        startAtLogin.ifPresent(on -> items.add(new Toggle(Choice.of(Action.START_AT_LOGIN), "Start at login", on)));
        items.add(new Separator());
        items.add(command(Action.QUIT, "Quit", true));
        return List.copyOf(items);
    }

    private static Command command(Action action, String label, boolean enabled) {
        return new Command(Choice.of(action), label, enabled);
    }
}
