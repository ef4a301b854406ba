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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrayMenuTest {
    @Test
    void aValidTokenCanBeCopiedAndQuitIsAlwaysLast() {
        Instant now = ist("2026-11-22T10:00");
        var entries = TrayMenu.of(States.at(now, true, new Plan.Off(), Optional.empty()), now, Optional.of(true));
        assertThat(entries).extracting(TrayMenu.Entry::action).containsExactly(
                Action.COPY_TOKEN, Action.RENEW_NOW, Action.BROWSER_LOGIN, Action.OPEN, Action.SETTINGS,
                Action.START_AT_LOGIN, Action.QUIT);
        assertThat(entries.getFirst().enabled()).isTrue();
        assertThat(entries.get(2)).isEqualTo(new TrayMenu.Entry(Action.BROWSER_LOGIN, "Log in with browser…", true,
                Optional.empty()));
        assertThat(entries.get(5).checked()).contains(true);
    }

    @Test
    void aTokenThatDiedSinceTheStateWasReadCannotBeCopied() {
        RenewalState readAtTen = States.at(ist("2026-11-21T10:00"), true, new Plan.Off(), Optional.empty());
        assertThat(TrayMenu.of(readAtTen, ist("2026-11-22T03:29"), Optional.empty()).getFirst().enabled()).isTrue();
        assertThat(TrayMenu.of(readAtTen, ist("2026-11-22T03:31"), Optional.empty()).getFirst())
                .isEqualTo(new TrayMenu.Entry(Action.COPY_TOKEN, "Copy token (no valid token)", false, Optional.empty()));
    }

    @Test
    void withoutATokenCopyIsDisabledAndDuringALoginRenewIs() {
        Instant now = ist("2026-11-22T10:00");
        RenewalState renewing = new RenewalState(Profile.DEFAULT, Optional.empty(), new Plan.RenewAt(now), Optional.empty(),
                Optional.empty(), true, Optional.of(LoginStep.PIN), Optional.empty(), Optional.empty(), now);
        var entries = TrayMenu.of(renewing, now, Optional.empty());
        assertThat(entries.get(0)).isEqualTo(new TrayMenu.Entry(Action.COPY_TOKEN, "Copy token (no valid token)", false,
                Optional.empty()));
        assertThat(entries.get(1).label()).isEqualTo("Renewing…");
        assertThat(entries.get(1).enabled()).isFalse();
        assertThat(entries).extracting(TrayMenu.Entry::action).doesNotContain(Action.START_AT_LOGIN).endsWith(Action.QUIT);
    }

    @Test
    void withoutCredentialsThereIsNoBrowserLoginToOffer() {
        Instant now = ist("2026-11-22T10:00");
        RenewalState firstStart = new RenewalState(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), now);
        assertThat(TrayMenu.of(firstStart, now, Optional.empty())).extracting(TrayMenu.Entry::action)
                .doesNotContain(Action.BROWSER_LOGIN);
    }
}
