package dev.tokentray.ui.status;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The status window's list of accounts without its window: a row per account (its name, the
 * Upstox user, the state in words and look, the time left, which actions it offers, and a line for
 * screen readers), the selected account and its detail, and the worst look of all. A pure function
 * of the accounts and the time, kept with the selection, so that it is tested without a display.
 */
public final class AccountListModel {

    /**
     * One account's row.
     *
     * @param upstoxUser     "Priya Sharma (SIM002)", or what there is instead before a first token
     * @param timeLeft       "17 h 12 min left", "expired 03:30 IST today", or "no token"
     * @param canCopy        a usable token is there
     * @param canRenew       no login runs now: Renew now can be chosen (of an account another machine renews, it asks that machine)
     * @param renews         the app renews this account's token (browser login, credentials)
     * @param accessibleText the whole row in one sentence, for screen readers
     * @param credentialsStored there are credentials to log in with (the approval request sends the API key and secret)
     */
    public record Row(Profile profile, String name, String upstoxUser, Look look, String state, String timeLeft,
            boolean canCopy, boolean canRenew, boolean renews, String accessibleText, boolean credentialsStored) {}

    private static final Map<Look, String> SUMMARY = Map.of(Look.VALID, "valid", Look.EXPIRING, "expiring soon",
            Look.EXPIRED, "without a valid token", Look.RENEWING, "renewing", Look.ATTENTION, "needing your attention");

    private final Duration expiringWithin;
    private final ZoneId localZone;
    private List<AccountSnapshot> accounts = List.of();
    private Optional<Profile> selected = Optional.empty();
    /** An account to select once it is listed (a new one, before its first state). */
    private Optional<Profile> pending = Optional.empty();

    /** @param expiringWithin when a token counts as expiring: an hour, or a minute in demo mode */
    public AccountListModel(Duration expiringWithin, ZoneId localZone) {
        this.expiringWithin = Objects.requireNonNull(expiringWithin, "expiringWithin");
        this.localZone = Objects.requireNonNull(localZone, "localZone");
    }

    /** The accounts now, in order; the selection stays on its account while it is there, else goes to the first. */
    public void update(List<AccountSnapshot> next) {
        accounts = List.copyOf(next);
        if (pending.filter(this::listed).isPresent()) {
            selected = pending;
            pending = Optional.empty();
        }
        if (selected.filter(this::listed).isEmpty()) {
            selected = accounts.stream().findFirst().map(AccountSnapshot::profile);
        }
    }

    /** Selects the account; one not listed yet is selected once it is (a new account, before its first state). */
    public void select(Profile profile) {
        if (listed(profile)) {
            selected = Optional.of(profile);
            pending = Optional.empty();
        } else {
            pending = Optional.of(profile);
        }
    }

    private boolean listed(Profile profile) {
        return accounts.stream().anyMatch(a -> a.profile().equals(profile));
    }

    public List<AccountSnapshot> accounts() {
        return accounts;
    }

    public Optional<AccountSnapshot> selected() {
        return selected.flatMap(profile -> accounts.stream().filter(a -> a.profile().equals(profile)).findFirst());
    }

    /** The account {@code by} rows from the selected one (-1 the one above), when there is one. */
    public Optional<Profile> neighbour(int by) {
        List<Profile> order = accounts.stream().map(AccountSnapshot::profile).toList();
        int at = selected.map(order::indexOf).orElse(-1) + by;
        return at >= 0 && at < order.size() ? Optional.of(order.get(at)) : Optional.empty();
    }

    public List<Row> rows(Instant now) {
        return accounts.stream().map(account -> row(account, now)).toList();
    }

    /** What the window's detail shows of the selected account. */
    public Optional<StatusView> detail(Instant now) {
        return selected().map(a -> StatusView.of(a.state(), a.stats(), now, localZone, expiringWithin));
    }

    /** "3 accounts: 2 valid, 1 needs your attention", worst last; "No account yet" without one. */
    public String summary(Instant now) {
        if (accounts.isEmpty()) {
            return "No account yet";
        }
        Map<Look, Long> looks = accounts.stream().collect(Collectors.groupingBy(a -> Look.of(a.state(), now,
                expiringWithin), () -> new EnumMap<>(Look.class), Collectors.counting()));
        String counts = looks.entrySet().stream().map(e -> e.getValue() + " " + SUMMARY.get(e.getKey()))
                .collect(Collectors.joining(", "));
        return (accounts.size() == 1 ? "1 account: " : accounts.size() + " accounts: ") + counts;
    }

    /** The worst look of all the accounts. */
    public Look worst(Instant now) {
        return WorstLook.of(accounts.stream().map(a -> Look.of(a.state(), now, expiringWithin)).toList());
    }

    private Row row(AccountSnapshot account, Instant now) {
        Look look = Look.of(account.state(), now, expiringWithin);
        Optional<AccessToken> token = account.state().token();
        boolean usable = TokenState.of(token, now).usable();
        String user = account.upstoxUser().orElse(account.state().credentialsStored() ? "Upstox user not known yet"
                : "No Upstox login stored");
        String timeLeft = token.map(t -> usable ? TimeText.span(Duration.between(now, t.expiresAt())) + " left"
                : t.revokedAt().map(r -> "revoked " + TimeText.near(r, now, TokenExpiry.IST, "IST"))
                        .orElse("expired " + TimeText.near(t.expiresAt(), now, TokenExpiry.IST, "IST")))
                .orElse("no token");
        String name = account.name();
        // A token that still works while nothing will replace it: the row says both, with its time left.
        boolean stopped = look == Look.ATTENTION && usable;
        String spoken = name + ", " + user + ", " + (stopped ? Look.VALID_BUT_STOPPED : look.headline()) + ", " + timeLeft;
        return new Row(account.profile(), name, user, look, stopped ? "Renewal stopped" : look.headline(), timeLeft, usable,
                !account.state().renewing(), account.renews(), spoken, account.state().credentialsStored());
    }
}
