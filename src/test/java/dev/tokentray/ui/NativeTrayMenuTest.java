package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.SniHost;
import dev.tokentray.ui.status.Look;
import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.ui.tray.TrayMenu.Action;
import dev.tokentray.ui.tray.TrayMenu.Choice;
import dev.tokentray.ui.tray.TrayView;
import dev.tokentray.ui.tray.sni.StatusNotifierTray;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A menu of several accounts, as the panel draws it from the StatusNotifierItem's dbusmenu: the
 * submenu of accounts opened by the mouse, a disabled entry, the check mark. Photographed for the
 * trader's eyes (and the README).
 */
class NativeTrayMenuTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TrayMenu.Item account(Action action, String profile, String label, boolean enabled) {
        return new TrayMenu.Command(new Choice(action, Optional.of(profile)), label, enabled);
    }

    private static List<TrayMenu.Item> threeAccounts() {
        return List.of(
                new TrayMenu.Submenu("Copy token", List.of(
                        account(Action.COPY_TOKEN, "default", "Own account (SIM001)", true),
                        account(Action.COPY_TOKEN, "priya", "Priya HUF (no valid token)", false),
                        account(Action.COPY_TOKEN, "father", "Father (SIM003)", true))),
                new TrayMenu.Command(Choice.of(Action.RENEW_NOW), "Renew all", true),
                new TrayMenu.Submenu("Log in with browser", List.of(
                        account(Action.BROWSER_LOGIN, "default", "Own account…", true),
                        account(Action.BROWSER_LOGIN, "priya", "Priya HUF…", true),
                        account(Action.BROWSER_LOGIN, "father", "Father…", true))),
                new TrayMenu.Command(Choice.of(Action.OPEN), "Open Upstox Token Tray", true),
                new TrayMenu.Separator(),
                new TrayMenu.Command(Choice.of(Action.SETTINGS), "Settings…", true),
                new TrayMenu.Toggle(Choice.of(Action.START_AT_LOGIN), "Start at login", true),
                new TrayMenu.Separator(),
                new TrayMenu.Command(Choice.of(Action.QUIT), "Quit", true));
    }

    @Test
    void thePanelDrawsTheAccountsSubmenuADisabledEntryAndTheCheckMark() throws Exception {
        RealEnvironment.requireStatusNotifierHost();
        XDisplay display = XDisplay.ofTestRun();
        display.run("dunstctl", "close-all"); // earlier tests' notifications would cover the screenshot
        TrayView view = new TrayView(Look.ATTENTION, "Upstox Token Tray: Priya HUF needs your attention", threeAccounts());
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
