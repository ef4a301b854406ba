package dev.tokentray.ui.status;

import static dev.tokentray.ui.status.States.account;
import static dev.tokentray.ui.status.States.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status window's list of accounts without a window, on a clock the test moves. */
class AccountListModelTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private final MutableClock clock = new MutableClock(ist("2026-11-22T10:00"));
    private final AccountListModel model = new AccountListModel(TokenState.EXPIRING_WITHIN, IST);

    private final AccountSnapshot own = account("default", "", States.at(clock.instant(), true, new Plan.Off(), Optional.empty()));
    private final AccountSnapshot huf = account("priya-huf", "Priya HUF",
            States.at(clock.instant(), true, new Plan.Off(), Optional.empty()));
    private final AccountSnapshot mother = account("mother", "Asha (mother)", States.at(clock.instant(), false,
            new Plan.Stopped("Upstox rejected the PIN. Correct it with Edit credentials.", Optional.of("r1")),
            Optional.of(States.failure(clock.instant(), FailureKind.CREDENTIALS, "Upstox rejected the PIN."))));

    @Test
    void aRowPerAccountSaysWhoItIsItsStateAndTheTimeLeftAndWhatItOffers() {
        model.update(List.of(own, huf, mother));

        List<AccountListModel.Row> rows = model.rows(clock.instant());

        assertThat(rows).extracting(AccountListModel.Row::name).containsExactly("Simulated Trader", "Priya HUF", "Asha (mother)");
        AccountListModel.Row first = rows.getFirst();
        assertThat(first.upstoxUser()).isEqualTo("Simulated Trader (SIM001)");
        assertThat(first.look()).isEqualTo(Look.VALID);
        assertThat(first.state()).isEqualTo("Token valid");
        assertThat(first.timeLeft()).isEqualTo("17 h 30 min left");
        assertThat(first.canCopy()).isTrue();
        assertThat(first.canRenew()).isTrue();
        assertThat(first.accessibleText()).isEqualTo("Simulated Trader, Simulated Trader (SIM001), Token valid, 17 h 30 min left");
        AccountListModel.Row rejected = rows.get(2);
        assertThat(rejected.look()).isEqualTo(Look.ATTENTION);
        assertThat(rejected.timeLeft()).isEqualTo("no token");
        assertThat(rejected.upstoxUser()).isEqualTo("Upstox user not known yet");
        assertThat(rejected.canCopy()).isFalse();
    }

    @Test
    void rowsAndTheWorstLookFollowTheClockFromValidToExpiringToExpired() {
        model.update(List.of(own, huf));
        assertThat(model.worst(clock.instant())).isEqualTo(Look.VALID);

        clock.advance(Duration.ofHours(16).plusMinutes(45)); // 02:45 IST: three quarters of an hour left
        assertThat(model.rows(clock.instant()).getFirst().timeLeft()).isEqualTo("45 min left");
        assertThat(model.worst(clock.instant())).isEqualTo(Look.EXPIRING);
        assertThat(model.summary(clock.instant())).isEqualTo("2 accounts: 2 expiring soon");

        clock.advance(Duration.ofMinutes(45)); // 03:30 IST
        assertThat(model.rows(clock.instant()).getFirst().timeLeft()).isEqualTo("expired 03:30 IST today");
        assertThat(model.rows(clock.instant()).getFirst().canCopy()).isFalse();
        assertThat(model.worst(clock.instant())).isEqualTo(Look.EXPIRED);
    }

    @Test
    void theWorstLookIsAttentionThenExpiredThenExpiringThenRenewingThenValid() {
        RenewalSnapshot renewing = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.RenewAt(clock.instant()),
                Optional.empty(), Optional.empty(), true, Optional.of(LoginStep.PIN), Optional.empty(), Optional.empty(),
                clock.instant());
        AccountSnapshot inLogin = account("renewing", "", renewing);

        model.update(List.of(own, inLogin));
        assertThat(model.worst(clock.instant())).isEqualTo(Look.RENEWING);
        assertThat(model.summary(clock.instant())).isEqualTo("2 accounts: 1 valid, 1 renewing");
        model.update(List.of(own, inLogin, mother));
        assertThat(model.worst(clock.instant())).isEqualTo(Look.ATTENTION);
        assertThat(model.summary(clock.instant())).isEqualTo("3 accounts: 1 valid, 1 renewing, 1 needing your attention");
        assertThat(WorstLook.of(List.of(Look.VALID, Look.EXPIRING, Look.RENEWING))).isEqualTo(Look.EXPIRING);
        assertThat(WorstLook.of(List.of(Look.EXPIRING, Look.EXPIRED))).isEqualTo(Look.EXPIRED);
    }

    @Test
    void theSelectionStaysOnItsAccountAndGoesToTheFirstWhenItIsRemoved() {
        model.update(List.of(own, huf, mother));
        assertThat(model.selected()).contains(own);

        model.select(new Profile("priya-huf"));
        model.update(List.of(huf, own, mother)); // moved up
        assertThat(model.selected()).contains(huf);
        assertThat(model.detail(clock.instant())).hasValueSatisfying(detail -> assertThat(detail.look()).isEqualTo(Look.VALID));
        assertThat(model.neighbour(1)).contains(Profile.DEFAULT);
        assertThat(model.neighbour(-1)).isEmpty();

        model.update(List.of(own, mother)); // removed
        assertThat(model.selected()).contains(own);
        model.select(new Profile("priya-huf")); // added again: selected once its first state is there
        assertThat(model.selected()).contains(own);
        model.update(List.of(own, mother, huf));
        assertThat(model.selected()).contains(huf);
        model.update(List.of());
        assertThat(model.selected()).isEmpty();
        assertThat(model.summary(clock.instant())).isEqualTo("No account yet");
    }
}
