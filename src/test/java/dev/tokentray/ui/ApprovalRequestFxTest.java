package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.ApprovalInbox;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.PendingApproval;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.Endpoint;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.sim.SimulatedApprovals;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.NotifierListener;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.ProfileVault;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tray app's Request approval… (Upstox's approval login) on the real app against the
 * simulator: the request goes out once, the account shows the wait and the trader is notified,
 * and the token comes through a headless renewer's webhook on the same state folder, as the
 * README's approval section sets it up; a rejected API secret is sent again only once the trader
 * confirmed it.
 */
class ApprovalRequestFxTest extends RealAppNotificationTest {
    private static final String PATH = "/upstox/notifier";
    private static final Clock CLOCK = Clock.systemUTC();

    private NotifierListener webhook;
    private volatile ApprovalInbox inbox;

    @AfterEach
    void stopTheWebhook() {
        if (webhook != null) {
            webhook.close();
        }
    }

    /** The tray app, its automatic login off (no token at start), the simulator's approvals posting to the webhook. */
    private AppUnderTest appWithAWebhook(Optional<UpstoxCredentials> stored) throws Exception {
        webhook = NotifierListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), PATH,
                notice -> inbox.receive(notice));
        // The time of the test run must not add a "no token at the ready-by time" notification.
        EnumSet<NotificationKind> kinds = EnumSet.allOf(NotificationKind.class);
        kinds.remove(NotificationKind.NOT_READY);
        AppUnderTest under = AppUnderTest.in(folder)
                .simulator(AppUnderTest.simulatorDefaults().withApprovals(SimulatedApprovals.DEFAULT
                        .withNotifierUrl(URI.create("http://127.0.0.1:" + webhook.port() + PATH))))
                .automatic(false)
                .notifications(kinds);
        return (stored.isPresent() ? under.storedCredentials(stored) : under).start();
    }

    /** What `run --headless --notifier-listen` runs for the account: its own renewal parts on the app's state folder. */
    private RenewalWiring headlessRenewer() {
        RenewalWiring renewal = RenewalWiring.of(new ProfileVault(new ChangeMarks(app.dirs().state())
                        .observing(new KeyringSecretStore(AppUnderTest.KEYCHAIN_SERVICE)), app.profile()),
                new UpstoxLoginClient(app.simulator().hosts(), LoginTimeouts.DEFAULT, CLOCK), app.dirs().state(),
                () -> RenewalSettings.DEFAULT, CLOCK);
        inbox = new ApprovalInbox(List.of(new ApprovalInbox.Account(renewal.approval(), renewal.approval()::complete)),
                CLOCK);
        return renewal;
    }

    @Test
    void theRequestGoesOutOnceTheAccountWaitsAndTheTokenTheHeadlessRenewerReceivesShowsAsValid() throws Exception {
        watch = NotificationWatch.start(folder);
        app = appWithAWebhook(Optional.empty());
        RenewalWiring headless = headlessRenewer();
        app.awaitLook(Look.EXPIRED);

        chooseFromTheRowMenu("request-approval", true);

        Poll.until("the approval request", WAIT, () -> headless.approval().pending().isPresent());
        PendingApproval request = headless.approval().pending().orElseThrow();
        String until = String.format("%tR IST", request.expiresAt().atZone(TokenExpiry.IST));
        Poll.until("the window to show the wait", WAIT, () -> app.shows("approval"));
        assertThat(app.text("approval"))
                .isEqualTo("Approve the request in the Upstox app or on WhatsApp; waiting until " + until);
        Poll.until("the notification", WAIT, () -> watch.notifyCalls().size() == 1);
        List<String> call = watch.notifyCalls().getFirst();
        assertThat(call.get(3)).as("the summary").isEqualTo("string \"Approve the login in the Upstox app\"");
        assertThat(call.get(4)).as("the body").startsWith("string \"Approve the request in the Upstox app or on WhatsApp");
        Screenshots.inBothThemes(app.scene(), "status-approval-waiting");
        assertThat(requests()).isEqualTo(1);

        assertThat(app.simulator().approve().status()).as("the webhook's answer").isEqualTo(200);

        app.awaitLook(Look.VALID);
        assertThat(app.token().userId()).isEqualTo(SimulatedAccount.DEFAULT_USER_ID);
        assertThat(headless.history().last(app.profile().name()).orElseThrow().trigger()).isEqualTo(Trigger.APPROVAL);
        Poll.until("the wait to go", WAIT, () -> !app.shows("approval"));
        assertThat(app.text("token")).isEqualTo(app.token().value().masked(6));
        assertThat(requests()).as("one request").isEqualTo(1);
        assertThat(app.simulator().counters().count(Event.PIN_ATTEMPTS)).as("no PIN, no TOTP").isZero();
    }

    @Test
    void aRejectedApiSecretIsSentAgainOnlyOnceTheTraderConfirmedIt() throws Exception {
        app = appWithAWebhook(Optional.of(TestAccounts.defaultWith(CredentialField.CLIENT_SECRET, "not-the-secret")));
        headlessRenewer();
        app.awaitLook(Look.EXPIRED);

        chooseFromTheRowMenu("request-approval", false);
        Poll.until("the window to say the request failed", WAIT, () -> app.shows("message")
                && app.text("message").startsWith("The approval request failed: "));
        assertThat(app.text("message")).containsIgnoringCase("API secret");
        assertThat(requests()).isEqualTo(1);

        // Again: the stop holds; the trader is asked, Cancel is Enter's answer, and nothing goes out.
        chooseFromTheRowMenu("request-approval", false);
        Stage question = AppUnderTest.awaitWindow("Retry rejected credentials");
        assertThat(Fx.call(() -> ((DialogPane) question.getScene().getRoot().lookup(".dialog-pane")).getHeaderText()))
                .isEqualTo("Send the approval request again with the same API key and secret?");
        assertThat(Fx.call(() -> StatusWindowFxTest.cancelButtonOf(question).isDefaultButton())).isTrue();
        robot.type(KeyCode.ENTER);
        Poll.until("the question to close", WAIT, () -> !Fx.call(question::isShowing));
        assertThat(Poll.holdsFor(Duration.ofSeconds(2),
                () -> requests() == 1))
                .as("nothing sent without the confirmation").isTrue();

        // Confirmed: one request, which Upstox rejects again.
        chooseFromTheRowMenu("request-approval", false);
        Stage again = AppUnderTest.awaitWindow("Retry rejected credentials");
        robot.clickOn(Fx.call(() -> {
            DialogPane pane = (DialogPane) again.getScene().getRoot().lookup(".dialog-pane");
            return pane.lookupButton(pane.getButtonTypes().stream()
                    .filter(type -> type.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow());
        }));
        Poll.until("the confirmed request", WAIT, () -> requests() == 2);
        assertThat(Poll.holdsFor(Duration.ofSeconds(2),
                () -> requests() == 2))
                .as("one confirmation, one request").isTrue();
        assertThat(app.simulator().counters().count(Event.PIN_ATTEMPTS)).isZero();
    }

    /** The approval requests that reached the simulator, accepted or rejected. */
    private long requests() {
        return app.simulator().counters().requests(Endpoint.TOKEN_REQUEST);
    }

    /** Opens the first account's row menu, checks the item is enabled, optionally keeps a screenshot, and chooses it. */
    private void chooseFromTheRowMenu(String part, boolean screenshot) throws Exception {
        MenuButton more = Fx.call(() -> (MenuButton) app.scene().lookup("#" + app.row("more")));
        robot.clickOn(more);
        Poll.until("the menu to open", WAIT, () -> Fx.call(more::isShowing));
        MenuItem item = Fx.call(() -> more.getItems().stream().filter(i -> app.row(part).equals(i.getId()))
                .findFirst().orElseThrow());
        assertThat(Fx.call(() -> item.isVisible() && !item.isDisable())).as(part + " offered").isTrue();
        if (screenshot) {
            XDisplay.ofTestRun().screenshot("row-menu-request-approval");
        }
        Fx.run(item::fire);
        Fx.run(more::hide);
    }
}
