package dev.tokentray.ui.account;

import dev.tokentray.accounts.Account;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import dev.tokentray.vault.Profile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One account as the screens show it at a moment: who it is, its token's state, its logins of the
 * last 90 days (oldest first), and whether the app renews its token itself (and so offers the
 * browser login and editing the credentials; Renew now is offered for every account: of one
 * another machine renews, it asks that machine).
 */
public record AccountSnapshot(Account account, RenewalSnapshot state, List<Attempt> attempts, boolean renews) {

    public AccountSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
        attempts = List.copyOf(attempts);
    }

    public Profile profile() {
        return account.profile();
    }

    /** What the trader calls it: the label they gave, else the Upstox name, else the profile's name. */
    public String name() {
        if (!account.label().isEmpty()) {
            return account.label();
        }
        return state.token().map(AccessToken::userName).filter(name -> !name.isBlank()).orElse(profile().name());
    }

    /** "Priya Sharma (SIM002)", from the token; empty before there is one. */
    public Optional<String> upstoxUser() {
        return state.token().map(t -> t.userName() + " (" + t.userId() + ")");
    }

    public HistoryStats stats() {
        return HistoryStats.of(attempts);
    }
}
