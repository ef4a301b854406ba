package dev.tokentray.ui.tray;

import static dev.tokentray.ui.status.States.account;
import static dev.tokentray.ui.status.States.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Plan;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.status.States;
import dev.tokentray.upstox.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the tray shows for the accounts, on a clock the test moves. */
class TrayPresenterTest {
    private static final String TITLE = "Upstox Token Tray";

    private final MutableClock clock = new MutableClock(ist("2026-11-22T10:00"));
    private final AccountSnapshot own = account("default", "", States.at(clock.instant(), true, new Plan.Off(),
            Optional.empty()));
    private final AccountSnapshot huf = account("priya-huf", "Priya HUF", States.at(clock.instant(), true, new Plan.Off(),
            Optional.empty()));

    private TrayView view(List<AccountSnapshot> accounts) {
        return TrayPresenter.view(accounts, clock.instant(), Optional.empty(), TITLE, TokenState.EXPIRING_WITHIN);
    }

    @Test
    void oneAccountHasTheOneLineTooltipOfEver() {
        assertThat(view(List.of(own)).tooltip())
                .isEqualTo(TITLE + ": Upstox token valid until 03:30 IST, 17 h 30 min left");
        assertThat(view(List.of(own)).look()).isEqualTo(Look.VALID);
    }

    @Test
    void aRejectedAccountAmongValidOnesTurnsTheIconToNeedsAttentionAndEachAccountHasItsLine() {
        AccountSnapshot mother = account("mother", "Asha (mother)", States.at(clock.instant(), false,
                new Plan.Stopped("Upstox rejected the PIN.", Optional.of("r1")),
                Optional.of(States.failure(clock.instant(), FailureKind.CREDENTIALS, "Upstox rejected the PIN."))));

        TrayView view = view(List.of(own, huf, mother));

        assertThat(view.look()).isEqualTo(Look.ATTENTION);
        assertThat(view.needsAttention()).isTrue();
        assertThat(view.tooltip()).isEqualTo(TITLE + "\n"
                + "Simulated Trader: valid until 03:30 IST, 17 h 30 min left\n"
                + "Priya HUF: valid until 03:30 IST, 17 h 30 min left\n"
                + "Asha (mother): needs your attention");
    }

    @Test
    void theIconTurnsExpiringThenExpiredAsTheClockMoves() {
        clock.advance(Duration.ofHours(17)); // 03:00 IST
        TrayView expiring = view(List.of(own, huf));
        assertThat(expiring.look()).isEqualTo(Look.EXPIRING);
        assertThat(expiring.tooltip()).endsWith("Priya HUF: expires at 03:30 IST, 30 min left");

        clock.advance(Duration.ofMinutes(30));
        TrayView expired = view(List.of(own, huf));
        assertThat(expired.look()).isEqualTo(Look.EXPIRED);
        assertThat(expired.tooltip()).endsWith("Priya HUF: expired at 03:30 IST");
    }

    @Test
    void withoutAnAccountTheTraderIsAskedToAddOne() {
        TrayView none = view(List.of());
        assertThat(none.look()).isEqualTo(Look.ATTENTION);
        assertThat(none.tooltip()).isEqualTo(TITLE + ": no account yet; open the window to add one");
    }
}
