package dev.tokentray.ui.tray;

import static dev.tokentray.ui.status.States.account;
import static dev.tokentray.ui.status.States.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.status.States;
import dev.tokentray.ui.tray.TrayMenu.Action;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrayMenuTest {
    @Test
    void aValidTokenCanBeCopiedAndQuitIsAlwaysLast() {
        Instant now = ist("2026-11-22T10:00");
        var items = TrayMenu.of(List.of(one(States.at(now, true, new Plan.Off(), Optional.empty()))), now, Optional.of(true));
        assertThat(actions(items)).containsExactly(
                Action.COPY_TOKEN, Action.RENEW_NOW, Action.BROWSER_LOGIN, Action.REQUEST_APPROVAL, Action.OPEN,
                Action.SETTINGS, Action.START_AT_LOGIN, Action.QUIT);
        assertThat(((TrayMenu.Command) items.getFirst()).enabled()).isTrue();
        assertThat(items.get(2)).isEqualTo(command(Action.BROWSER_LOGIN, "Log in with browser…", true));
        assertThat(items.get(3)).isEqualTo(command(Action.REQUEST_APPROVAL, "Request approval…", true));
        assertThat(items).contains(new TrayMenu.Toggle(TrayMenu.Choice.of(Action.START_AT_LOGIN), "Start at login", true));
    }

    @Test
    void aTokenThatDiedSinceTheStateWasReadCannotBeCopied() {
        RenewalSnapshot readAtTen = States.at(ist("2026-11-21T10:00"), true, new Plan.Off(), Optional.empty());
        assertThat(TrayMenu.of(List.of(one(readAtTen)), ist("2026-11-22T03:29"), Optional.empty()).getFirst())
                .isEqualTo(command(Action.COPY_TOKEN, "Copy token", true));
        assertThat(TrayMenu.of(List.of(one(readAtTen)), ist("2026-11-22T03:31"), Optional.empty()).getFirst())
                .isEqualTo(command(Action.COPY_TOKEN, "Copy token (no valid token)", false));
    }

    @Test
    void withoutATokenCopyIsDisabledAndDuringALoginRenewIs() {
        Instant now = ist("2026-11-22T10:00");
        RenewalSnapshot renewing = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.RenewAt(now), Optional.empty(),
                Optional.empty(), true, Optional.of(LoginStep.PIN), Optional.empty(), Optional.empty(), now);
        var items = TrayMenu.of(List.of(one(renewing)), now, Optional.empty());
        assertThat(items.get(0)).isEqualTo(command(Action.COPY_TOKEN, "Copy token (no valid token)", false));
        assertThat(items.get(1)).isEqualTo(command(Action.RENEW_NOW, "Renewing…", false));
        assertThat(actions(items)).doesNotContain(Action.START_AT_LOGIN).endsWith(Action.QUIT);
    }

    @Test
    void withoutCredentialsThereIsNoBrowserLoginToOfferAndNoApprovalToRequest() {
        Instant now = ist("2026-11-22T10:00");
        RenewalSnapshot firstStart = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), now);
        var items = TrayMenu.of(List.of(one(firstStart)), now, Optional.empty());
        assertThat(actions(items)).doesNotContain(Action.BROWSER_LOGIN);
        assertThat(items.get(2)).isEqualTo(command(Action.REQUEST_APPROVAL, "Request approval…", false));
    }

    @Test
    void anAccountAnotherMachineRenewsOffersRenewNowButNoBrowserLogin() {
        Instant now = ist("2026-11-22T10:00");
        AccountSnapshot followed = States.followed(account("vps", "VPS", States.at(now, true,
                new Plan.WaitForExpiry(ist("2026-11-23T03:30"), ist("2026-11-23T03:30"), Optional.of("Renewed by another machine")),
                Optional.empty())));

        assertThat(TrayMenu.of(List.of(followed), now, Optional.empty()).get(1))
                .isEqualTo(new TrayMenu.Command(TrayMenu.Choice.of(Action.RENEW_NOW, followed), "Renew now", true));
        assertThat(actions(TrayMenu.of(List.of(followed), now, Optional.empty()))).doesNotContain(Action.BROWSER_LOGIN);
        var two = TrayMenu.of(List.of(account("default", "", States.at(now, true, new Plan.Off(), Optional.empty())),
                followed), now, Optional.empty());
        assertThat(two).contains(new TrayMenu.Submenu("VPS", List.of(
                new TrayMenu.Command(TrayMenu.Choice.of(Action.RENEW_NOW, followed), "Renew now", true))));
    }

    void aRejectedPinLeavesTheApprovalRequestEnabled() {
        Instant now = ist("2026-11-22T10:00");
        RenewalSnapshot pinRejected = States.at(now, false, new Plan.Stopped("Upstox rejected the PIN.", Optional.of("r1")),
                Optional.of(States.failure(now, FailureKind.CREDENTIALS, "Upstox rejected the PIN.")));
        assertThat(TrayMenu.of(List.of(one(pinRejected)), now, Optional.empty()))
                .contains(command(Action.REQUEST_APPROVAL, "Request approval…", true));
    }

    @Test
    void severalAccountsCopyFromASubmenuRenewAllAndHaveASubmenuEachWithRenewTheBrowserLoginAndTheApproval() {
        Instant now = ist("2026-11-22T10:00");
        AccountSnapshot own = account("default", "", States.at(now, true, new Plan.Off(), Optional.empty()));
        AccountSnapshot huf = account("priya-huf", "Priya HUF", States.at(now, true, new Plan.Off(), Optional.empty()));
        AccountSnapshot mother = account("mother", "Asha (mother)", States.at(now, false,
                new Plan.Stopped("Upstox rejected the PIN.", Optional.of("r1")),
                Optional.of(States.failure(now, FailureKind.CREDENTIALS, "Upstox rejected the PIN."))));

        var items = TrayMenu.of(List.of(own, huf, mother), now, Optional.of(false));

        assertThat(items.getFirst()).isEqualTo(new TrayMenu.Submenu("Copy token", List.of(
                new TrayMenu.Command(TrayMenu.Choice.of(Action.COPY_TOKEN, own), "Simulated Trader", true),
                new TrayMenu.Command(TrayMenu.Choice.of(Action.COPY_TOKEN, huf), "Priya HUF", true),
                new TrayMenu.Command(TrayMenu.Choice.of(Action.COPY_TOKEN, mother), "Asha (mother) (no valid token)",
                        false))));
        assertThat(items.get(1)).isEqualTo(new TrayMenu.Command(TrayMenu.Choice.of(Action.RENEW_ALL), "Renew all", true));
        assertThat(items.get(4)).isEqualTo(new TrayMenu.Submenu("Priya HUF", List.of(
                new TrayMenu.Command(TrayMenu.Choice.of(Action.RENEW_NOW, huf), "Renew now", true),
                new TrayMenu.Command(TrayMenu.Choice.of(Action.BROWSER_LOGIN, huf), "Log in with browser…", true),
                new TrayMenu.Command(TrayMenu.Choice.of(Action.REQUEST_APPROVAL, huf), "Request approval…", true))));
        assertThat(items.stream().filter(TrayMenu.Submenu.class::isInstance).map(i -> ((TrayMenu.Submenu) i).label()))
                .containsExactly("Copy token", "Simulated Trader", "Priya HUF", "Asha (mother)");
        assertThat(actions(items)).containsExactly(Action.RENEW_ALL, Action.OPEN, Action.SETTINGS, Action.START_AT_LOGIN,
                Action.QUIT);
        assertThat(((TrayMenu.Command) ((TrayMenu.Submenu) items.getFirst()).items().getFirst()).choice().account())
                .as("a choice names its account").contains("default");
    }

    @Test
    void withoutAnAccountTheMenuStillOpensTheWindowAndQuits() {
        assertThat(actions(TrayMenu.of(List.of(), ist("2026-11-22T10:00"), Optional.empty())))
                .containsExactly(Action.OPEN, Action.SETTINGS, Action.QUIT);
    }

    private static AccountSnapshot one(RenewalSnapshot state) {
        return account("default", "", state);
    }

    private static TrayMenu.Command command(Action action, String label, boolean enabled) {
        return new TrayMenu.Command(new TrayMenu.Choice(action, Optional.of("default")), label, enabled);
    }

    /** The actions of the menu's top-level entries, in order, separators and submenus left out. */
    private static List<Action> actions(List<TrayMenu.Item> items) {
        return items.stream().<Action>mapMulti((item, out) -> {
            switch (item) {
                case TrayMenu.Command command -> out.accept(command.choice().action());
                case TrayMenu.Toggle toggle -> out.accept(toggle.choice().action());
                default -> {}
            }
        }).toList();
    }
}
