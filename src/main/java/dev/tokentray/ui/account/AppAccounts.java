package dev.tokentray.ui.account;

import dev.tokentray.accounts.Account;
import dev.tokentray.accounts.AccountList;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The desktop app's accounts, in the trader's order: one {@link AccountController} each, made from
 * the {@link AccountList} of the settings file, and what changes the list (add, label, reorder,
 * remove), saved there at once. Listeners hear each change of the list and each account's new
 * state, on the thread it happened on.
 */
public final class AppAccounts {

    /** Makes an account's controller (its token's source, and whoever else hears it), not started yet. */
    @FunctionalInterface
    public interface Controllers {
        /** @param changed to be told each new snapshot of the account */
        AccountController make(Account account, Runnable changed);
    }

    private final AccountList list;
    private final Controllers controllers;
    private final List<AccountController> accounts = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public AppAccounts(AccountList list, Controllers controllers) {
        this.list = list;
        this.controllers = controllers;
    }

    /** Hears every change: of the list, of an account's label or settings, of an account's state. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Makes and starts a controller for each account of the list. */
    public void start() {
        for (Account account : list.all()) {
            accounts.add(controllers.make(account, this::changed));
        }
        accounts.forEach(AccountController::start);
    }

    public List<AccountController> all() {
        return List.copyOf(accounts);
    }

    public Optional<AccountController> find(Profile profile) {
        return accounts.stream().filter(a -> a.profile().equals(profile)).findFirst();
    }

    /** The accounts' snapshots, in order, of those whose state is known yet. */
    public List<AccountSnapshot> snapshots() {
        return accounts.stream().flatMap(a -> a.snapshot().stream()).toList();
    }

    /** Whether every account's first state is known: the start path's end. */
    public boolean allKnown() {
        return accounts.stream().allMatch(a -> a.snapshot().isPresent());
    }

    /**
     * A controller for a new account, not listed and not started: the setup window tests its
     * credentials with it, and {@link #add} lists it once they are saved.
     */
    public AccountController draft(String label) {
        return draft(newAccount(label));
    }

    /** A new account of that label, under a profile no other account has; not listed. */
    public Account newAccount(String label) {
        return list.draft(label);
    }

    /** A controller for a new account, not listed and not started: {@link #add} lists it. */
    public AccountController draft(Account account) {
        return controllers.make(account, this::changed);
    }

    /** Lists the new account at the end and starts it. */
    public void add(AccountController controller) throws IOException {
        list.add(controller.account());
        accounts.add(controller);
        controller.start();
        changed();
    }

    public void relabel(Profile profile, String label) throws IOException {
        Optional<AccountController> account = find(profile);
        if (account.isPresent()) {
            Account next = account.get().account().withLabel(label);
            list.replace(next);
            account.get().update(next);
            changed();
        }
    }

    /** Saves the accounts' settings (a save of the settings window), and each account follows its own. */
    public void settingsSaved(List<Account> saved) {
        for (Account account : saved) {
            find(account.profile()).ifPresent(controller -> controller.update(account));
        }
    }

    /** Moves the account up ({@code -1}) or down ({@code +1}). */
    public void move(Profile profile, int by) throws IOException {
        list.move(profile, by);
        List<Profile> order = list.profiles();
        accounts.sort((a, b) -> Integer.compare(order.indexOf(a.profile()), order.indexOf(b.profile())));
        changed();
    }

    /**
     * Forgets the account's keychain entries (or what it follows in Redis), stops its renewal and
     * takes it off the list. Slow (the keychain): never on the FX thread. When the keychain fails,
     * the account stays, whole.
     */
    public void remove(Profile profile) throws KeychainException, IOException {
        Optional<AccountController> account = find(profile);
        if (account.isEmpty()) {
            return;
        }
        if (account.get().ownRenewal().isPresent()) {
            account.get().ownRenewal().get().forget();
        }
        if (account.get().followed().isPresent()) {
            account.get().followed().get().stopFollowing();
        }
        list.remove(profile);
        accounts.remove(account.get());
        account.get().close();
        changed();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** Stops every account's renewal. */
    public void close() {
        accounts.forEach(AccountController::close);
    }
}
