package dev.tokentray.ui;

import static dev.tokentray.testsupport.NotificationWatch.dunstctl;
import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real app's notifications on the real notification daemon (dunst), watched from outside:
 * one that no longer holds is taken off the screen, by the app's own CloseNotification call.
 */
class ReadyByNotificationTest extends RealAppNotificationTest {

    @Test
    void theReadyByAlertIsClosedWhenTheTokenArrivesAndTheRestWhenTheAppQuits() throws Exception {
        watch = NotificationWatch.start(folder);
        // No token, no automatic login, and the ready-by time (00:00 IST) has passed: the alert comes at once.
        app = AppUnderTest.in(folder).automatic(false).readyBy(LocalTime.MIDNIGHT).start();

        Poll.until("the ready-by alert", WAIT, () -> summaries().contains(NotificationKind.NOT_READY.label()));
        Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));
        assertThat(watch.closeCalls()).isEmpty();

        robot.clickOn("#" + app.row("renew")); // by hand: a token arrives
        app.awaitLook(Look.VALID);

        Poll.until("dunst to close the alert", WAIT, () -> watch.closedSignals().size() == 1);
        assertThat(watch.closedSignals().getFirst()).as("closed by the app's call").containsExactly(
                watch.closeCalls().getFirst(), "uint32 3");
        Poll.until("the news of the token", WAIT, () -> summaries().contains(NotificationKind.RENEWED.label()));
        Poll.until("dunst to show only that", WAIT, () -> dunstctl("count", "displayed").equals("1"));

        app.close();
        app = null;

        Poll.until("the app's notifications to go with it; sent: " + summaries(), WAIT,
                () -> dunstctl("count", "displayed").equals("0"));
        assertThat(watch.closedSignals()).as("sent: %s", summaries()).hasSize(2).allSatisfy(signal -> assertThat(signal.get(1)).isEqualTo("uint32 3"));
    }

    /** The summaries of the Notify calls so far. */
    private List<String> summaries() throws Exception {
        return watch.notifyCalls().stream().map(call -> call.get(3).replaceAll("^string \"|\"$", "")).toList();
    }
}
