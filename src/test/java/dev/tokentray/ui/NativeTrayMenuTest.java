package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Plan;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.SniHost;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.status.States;
import dev.tokentray.ui.tray.TrayPresenter;
import dev.tokentray.ui.tray.TrayView;
import dev.tokentray.ui.tray.sni.StatusNotifierTray;
import dev.tokentray.upstox.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The menu of several accounts (TrayPresenter's, as the app shows it), as the panel draws it from
 * the StatusNotifierItem's dbusmenu: the Copy token submenu opened by the mouse, a disabled entry,
 * the check mark. Photographed for the trader's eyes (and the README).
 */
class NativeTrayMenuTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Own account valid, Priya HUF without a token yet, the mother's PIN rejected. */
    private static TrayView threeAccounts() {
        Instant now = States.ist("2026-11-22T10:00");
        AccountSnapshot own = States.account("default", "", States.at(now, true, new Plan.Off(), Optional.empty()));
        AccountSnapshot huf = States.account("priya-huf", "Priya HUF", States.at(now, false, new Plan.Off(),
                Optional.empty()));
        AccountSnapshot mother = States.account("mother", "Asha (mother)", States.at(now, false,
                new Plan.Stopped("Upstox rejected the PIN.", Optional.of("r1")),
                Optional.of(States.failure(now, FailureKind.CREDENTIALS, "Upstox rejected the PIN."))));
        return TrayPresenter.view(List.of(own, huf, mother), now, Optional.of(true), "Upstox Token Tray",
                TokenState.EXPIRING_WITHIN);
    }

    @Test
    void thePanelDrawsTheAccountsSubmenuADisabledEntryAndTheCheckMark() throws Exception {
        RealEnvironment.requireStatusNotifierHost();
        XDisplay display = XDisplay.ofTestRun();
        display.run("dunstctl", "close-all"); // earlier tests' notifications would cover the screenshot
        TrayView view = threeAccounts();
        try (SniHost host = SniHost.start();
                StatusNotifierTray tray = StatusNotifierTray.install(view, choice -> {}, System.getenv()).orElseThrow()) {
            SniPanel panel = new SniPanel(display);
            XDisplay.Box icon = panel.icon();
            XDisplay.Box menu = panel.openMenu(icon);

            // The mouse on "Copy token": its submenu opens beside the menu.
            display.run("xdotool", "mousemove", String.valueOf(menu.centreX()), String.valueOf(menu.y() + 16));
            Poll.until("the accounts' submenu to open", WAIT, () -> panel.menus().size() == 2);
            XDisplay.Box submenu = panel.menus().stream().filter(box -> !box.equals(menu)).findFirst().orElseThrow();
            display.awaitPainted("the accounts' submenu", submenu);
            panel.screenshotOfMenus("tray-menu-native-accounts", icon);

            display.run("xdotool", "key", "Escape", "Escape");
            Poll.until("the menus to close", WAIT, () -> panel.menus().isEmpty());
            assertThat(host.registeredItems()).hasSize(1);
        }
    }
}
