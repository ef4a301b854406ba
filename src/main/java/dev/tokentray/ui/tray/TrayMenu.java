package dev.tokentray.ui.tray;

import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tray menu as data, built from the accounts' states; the tray adapters only draw it. Quit is
 * always there, whatever the state; an account's browser login whenever there are credentials to
 * log in with, and its approval request beside it, enabled then.
 */
public final class TrayMenu {

    /** What an entry does when chosen. */
    public enum Action { COPY_TOKEN, RENEW_NOW, RENEW_ALL, BROWSER_LOGIN, REQUEST_APPROVAL, OPEN, SETTINGS, START_AT_LOGIN, QUIT }

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

        /** An action for one account. */
        public static Choice of(Action action, AccountSnapshot account) {
            return new Choice(action, Optional.of(account.profile().name()));
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
     * The menu of the accounts, as data. One account: Copy token, Renew now, Log in with browser…,
     * Request approval… of that one. Several: Copy token as a submenu of the accounts, Renew all,
     * and a submenu per account with its Renew now, Log in with browser… and Request approval….
     * Then Open, Settings, Start at login and
     * Quit, whatever the state.
     *
     * @param now          the time to judge the tokens at: a state read an hour ago may hold a token dead since
     * @param startAtLogin whether the app starts at login now; empty where the desktop has no such thing
     */
    public static List<Item> of(List<AccountSnapshot> accounts, Instant now, Optional<Boolean> startAtLogin) {
        ArrayList<Item> items = new ArrayList<>();
        if (accounts.size() == 1) {
            AccountSnapshot only = accounts.getFirst();
            items.add(copy(only, now, "Copy token"));
            items.addAll(ownActions(only));
        } else if (accounts.size() > 1) {
            items.add(new Submenu("Copy token", accounts.stream().map(a -> (Item) copy(a, now, a.name())).toList()));
            boolean anyToRenew = accounts.stream().anyMatch(a -> a.renews() && !a.state().renewing());
            items.add(new Command(Choice.of(Action.RENEW_ALL), "Renew all", anyToRenew));
            items.add(new Separator());
            for (AccountSnapshot account : accounts) {
                List<Item> own = ownActions(account);
                if (!own.isEmpty()) {
                    items.add(new Submenu(account.name(), own));
                }
            }
            items.add(new Separator());
        }
        items.add(new Command(Choice.of(Action.OPEN), "Open Upstox Token Tray", true));
        items.add(new Separator());
        items.add(new Command(Choice.of(Action.SETTINGS), "Settings…", true));
        startAtLogin.ifPresent(on -> items.add(new Toggle(Choice.of(Action.START_AT_LOGIN), "Start at login", on)));
        items.add(new Separator());
        items.add(new Command(Choice.of(Action.QUIT), "Quit", true));
        return List.copyOf(items);
    }

    private static Command copy(AccountSnapshot account, Instant now, String label) {
        boolean usable = TokenState.of(account.state().token(), now).usable();
        return new Command(Choice.of(Action.COPY_TOKEN, account), usable ? label : label + " (no valid token)", usable);
    }

    /**
     * Renew now (of an account another machine renews, it asks that machine); the browser login
     * whenever the app renews the account and there are credentials to log in with: the way to a
     * token when the automatic login is blocked; and the approval request, which needs the API key
     * and secret of those credentials.
     */
    private static List<Item> ownActions(AccountSnapshot account) {
        boolean renewing = account.state().renewing();
        ArrayList<Item> items = new ArrayList<>();
        items.add(new Command(Choice.of(Action.RENEW_NOW, account), renewing ? "Renewing…" : "Renew now", !renewing));
        if (account.renews() && account.state().credentialsStored()) {
            items.add(new Command(Choice.of(Action.BROWSER_LOGIN, account), "Log in with browser…", true));
        }
        if (account.renews()) {
            items.add(new Command(Choice.of(Action.REQUEST_APPROVAL, account), "Request approval…",
                    account.state().credentialsStored()));
        }
        return items;
    }
}
