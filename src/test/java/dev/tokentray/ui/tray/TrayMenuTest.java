package dev.tokentray.ui.tray;

import static dev.tokentray.ui.status.States.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.ui.status.States;
import dev.tokentray.ui.tray.TrayMenu.Action;
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
        var items = TrayMenu.of(States.at(now, true, new Plan.Off(), Optional.empty()), now, Optional.of(true));
        assertThat(actions(items)).containsExactly(
                Action.COPY_TOKEN, Action.RENEW_NOW, Action.BROWSER_LOGIN, Action.OPEN, Action.SETTINGS,
                Action.START_AT_LOGIN, Action.QUIT);
        assertThat(((TrayMenu.Command) items.getFirst()).enabled()).isTrue();
        assertThat(items.get(2)).isEqualTo(command(Action.BROWSER_LOGIN, "Log in with browser…", true));
        assertThat(items).contains(new TrayMenu.Toggle(TrayMenu.Choice.of(Action.START_AT_LOGIN), "Start at login", true));
    }

    @Test
    void aTokenThatDiedSinceTheStateWasReadCannotBeCopied() {
        RenewalState readAtTen = States.at(ist("2026-11-21T10:00"), true, new Plan.Off(), Optional.empty());
        assertThat(TrayMenu.of(readAtTen, ist("2026-11-22T03:29"), Optional.empty()).getFirst())
                .isEqualTo(command(Action.COPY_TOKEN, "Copy token", true));
        assertThat(TrayMenu.of(readAtTen, ist("2026-11-22T03:31"), Optional.empty()).getFirst())
                .isEqualTo(command(Action.COPY_TOKEN, "Copy token (no valid token)", false));
    }

    @Test
    void withoutATokenCopyIsDisabledAndDuringALoginRenewIs() {
        Instant now = ist("2026-11-22T10:00");
        RenewalState renewing = new RenewalState(Profile.DEFAULT, Optional.empty(), new Plan.RenewAt(now), Optional.empty(),
                Optional.empty(), true, Optional.of(LoginStep.PIN), Optional.empty(), Optional.empty(), now);
        var items = TrayMenu.of(renewing, now, Optional.empty());
        assertThat(items.get(0)).isEqualTo(command(Action.COPY_TOKEN, "Copy token (no valid token)", false));
        assertThat(items.get(1)).isEqualTo(command(Action.RENEW_NOW, "Renewing…", false));
        assertThat(actions(items)).doesNotContain(Action.START_AT_LOGIN).endsWith(Action.QUIT);
    }

    @Test
    void withoutCredentialsThereIsNoBrowserLoginToOffer() {
        Instant now = ist("2026-11-22T10:00");
        RenewalState firstStart = new RenewalState(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), now);
        assertThat(actions(TrayMenu.of(firstStart, now, Optional.empty()))).doesNotContain(Action.BROWSER_LOGIN);
    }

    private static TrayMenu.Command command(Action action, String label, boolean enabled) {
        return new TrayMenu.Command(TrayMenu.Choice.of(action), label, enabled);
    }

    /** The actions of the menu's entries, in order, separators left out. */
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
