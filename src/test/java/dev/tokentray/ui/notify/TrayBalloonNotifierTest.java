package dev.tokentray.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a real tray icon in the test desktop's tray host. */
class TrayBalloonNotifierTest {
    private static final BufferedImage IMAGE = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);

    @BeforeAll
    static void needsATray() {
        RealEnvironment.requireTrayHost();
    }

    @Test
    void unavailableWhileThereIsNoTrayIcon() {
        TrayBalloonNotifier notifier = new TrayBalloonNotifier(Optional::empty);

        assertThat(notifier.available()).isFalse();
        assertThat(notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", "No network."))).isFalse();
    }

    @Test
    void showsTheTextsFromTheIconOnAwtsThreadWarningForUrgentKinds() throws Exception {
        record Shown(String caption, String text, TrayIcon.MessageType type, boolean onAwtThread) {}
        List<Shown> shown = new ArrayList<>();
        TrayIcon icon = new TrayIcon(IMAGE) {
            @Override
            public void displayMessage(String caption, String text, MessageType type) {
                shown.add(new Shown(caption, text, type, EventQueue.isDispatchThread()));
            }
        };
        TrayBalloonNotifier notifier = new TrayBalloonNotifier(() -> Optional.of(icon));

        assertThat(notifier.available()).isTrue();
        notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", "No network."));
        notifier.show(new Notification(NotificationKind.KEYCHAIN_LOCKED, "Keychain locked", "Unlock it."));
        EventQueue.invokeAndWait(() -> {});

        assertThat(shown).containsExactly(
                new Shown("Renewal failed", "No network.", TrayIcon.MessageType.INFO, true),
                new Shown("Keychain locked", "Unlock it.", TrayIcon.MessageType.WARNING, true));
    }

    /**
     * On Linux AWT draws the balloon itself, as a window of its own: that it appears is the real
     * check. AWT shows no balloon, and says nothing, while its icon is outside the screen, as it is
     * when the tray host has taken the icon but not yet laid it out: the test waits for that first.
     */
    @Test
    void theTrayIconShowsABalloon() throws Exception {
        TrayIcon icon = new TrayIcon(IMAGE, "Upstox Token Tray");
        EventQueue.invokeAndWait(() -> {
            try {
                SystemTray.getSystemTray().add(icon);
            } catch (java.awt.AWTException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Poll.until("the tray host to lay the icon out on the screen", Duration.ofSeconds(10),
                    TrayBalloonNotifierTest::everyIconOnTheScreen);
            new TrayBalloonNotifier(() -> Optional.of(icon))
                    .show(new Notification(NotificationKind.RENEWED, "Token renewed", "Valid until 03:30 IST tomorrow."));

            Poll.until("the balloon window", Duration.ofSeconds(10), () -> Arrays.stream(Window.getWindows())
                    .anyMatch(window -> window.isShowing() && window.getClass().getName().contains("Balloon")));
        } finally {
            EventQueue.invokeAndWait(() -> SystemTray.getSystemTray().remove(icon));
        }
    }

    /**
     * AWT's own test before it shows a balloon ({@code XTrayIconPeer.displayMessage}), on the
     * windows of the tray icons; AWT does not tell which is whose, and an earlier test's icon may
     * still be leaving, so all of them.
     */
    private static boolean everyIconOnTheScreen() {
        List<Window> icons = Arrays.stream(Window.getWindows())
                .filter(window -> window.isShowing() && window.getClass().getName().contains("TrayIcon")).toList();
        return !icons.isEmpty() && icons.stream()
                .allMatch(icon -> icon.getGraphicsConfiguration().getBounds().contains(icon.getLocationOnScreen()));
    }
}
