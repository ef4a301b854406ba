package dev.tokentray.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.OwnWindowsFxTest;
import dev.tokentray.testsupport.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The popup on the test run's X display, driven by TestFX's robot with real key presses. */
class InAppNotifierTest extends OwnWindowsFxTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BODY = "Upstox rejected the PIN at PIN, 4 attempts left. Correct it in the settings;"
            + " the app will not retry these credentials.";

    private final FxRobot robot = new FxRobot();
    private final CountDownLatch opened = new CountDownLatch(1);

    @Test
    void showsTheNotificationInTheTopRightCornerAndEscapeClosesIt() throws Exception {
        InAppNotifier notifier = new InAppNotifier(action -> opened.countDown(), scene -> {}, Platform::runLater, Duration.ofMinutes(1), "Linux");
        assertThat(notifier.available()).isTrue();
        assertThat(notifier.show(new Notification(NotificationKind.CREDENTIALS_REJECTED, "Upstox rejected the login",
                BODY))).isTrue();

        Stage popup = popup("Upstox rejected the login");
        assertThat(robot.lookup(".notification-title").queryAs(Label.class).getText()).isEqualTo("Upstox rejected the login");
        assertThat(robot.lookup(".notification-body").queryAs(Label.class).getText()).isEqualTo(BODY);
        Rectangle2D screen = onFx(() -> Screen.getPrimary().getVisualBounds());
        assertThat(onFx(() -> popup.getX() + popup.getWidth())).isCloseTo(screen.getMaxX() - 16, within(1.0));
        assertThat(onFx(popup::getY)).isCloseTo(screen.getMinY() + 16, within(1.0));
        screenshot("notification-in-app.png");

        robot.clickOn(".notification-body").type(KeyCode.ESCAPE);

        Poll.until("Escape to close the popup", WAIT, () -> !popup.isShowing());
        assertThat(opened.getCount()).as("closing is not opening").isEqualTo(1);
    }

    @Test
    void enterOpensTheApp() throws Exception {
        InAppNotifier notifier = new InAppNotifier(action -> opened.countDown(), scene -> {}, Platform::runLater, Duration.ofMinutes(1), "Linux");
        notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", "The network failed."));
        Stage popup = popup("Renewal failed");

        robot.clickOn(".notification-body").type(KeyCode.ENTER);

        assertThat(opened.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Poll.until("the popup to close", WAIT, () -> !popup.isShowing());
    }

    @Test
    void closesByItselfUnlessUrgent() throws Exception {
        InAppNotifier notifier = new InAppNotifier(action -> {}, scene -> {}, Platform::runLater, Duration.ofMillis(300), "Linux");
        notifier.show(new Notification(NotificationKind.RENEWED, "Token renewed", "Valid until 03:30 IST tomorrow."));
        Stage renewed = popup("Token renewed");
        Poll.until("the popup to close by itself", WAIT, () -> !renewed.isShowing());

        notifier.show(new Notification(NotificationKind.NOT_READY, "No valid token at the ready-by time", "Renew now."));
        Stage urgent = popup("No valid token at the ready-by time");
        assertThat(Poll.holdsFor(Duration.ofSeconds(1), urgent::isShowing)).as("an urgent one stays").isTrue();
    }

    @Test
    void aNewOneTakesThePlaceOfTheOld() throws Exception {
        InAppNotifier notifier = new InAppNotifier(action -> {}, scene -> {}, Platform::runLater, Duration.ofMinutes(1), "Linux");
        notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", "The network failed."));
        Stage first = popup("Renewal failed");
        notifier.show(new Notification(NotificationKind.CLOCK_OFF, "Computer clock is off", "Turn on NTP."));
        popup("Computer clock is off");

        assertThat(first.isShowing()).isFalse();
    }

    @Test
    void onWindowsItSitsAboveTheTaskbarInTheBottomRightCorner() throws Exception {
        InAppNotifier notifier = new InAppNotifier(action -> {}, scene -> {}, Platform::runLater, Duration.ofMinutes(1), "Windows 11");
        notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", "The network failed."));
        Stage popup = popup("Renewal failed");

        Rectangle2D screen = onFx(() -> Screen.getPrimary().getVisualBounds());
        assertThat(onFx(() -> popup.getY() + popup.getHeight())).isCloseTo(screen.getMaxY() - 16, within(1.0));
    }

    /** The popup with this title, once shown. */
    private static Stage popup(String title) throws Exception {
        Poll.until("the popup '" + title + "'", WAIT, () -> showing(title) != null);
        return showing(title);
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private static Stage showing(String title) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage stage && stage.isShowing() && title.equals(stage.getTitle()))
                .map(Stage.class::cast)
                .findFirst()
                .orElse(null)).get();
    }

    /** For looking at: the whole test screen, as the issue asks of every state. */
    private static void screenshot(String name) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        WaitForAsyncUtils.waitForFxEvents();
        Commands.run(WAIT, "import", "-window", "root", folder.resolve(name).toString());
    }
}
