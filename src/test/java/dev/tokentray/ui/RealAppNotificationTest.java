package dev.tokentray.ui;

import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.RealEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test of the real app's notifications on the real notification daemon of the test desktop
 * (dunst on the session bus), watched from outside with {@code dbus-monitor}.
 */
abstract class RealAppNotificationTest extends RealAppFxTest {
    protected NotificationWatch watch;

    @BeforeAll
    static void needsANotificationDaemon() {
        RealEnvironment.requireNotificationDaemon();
    }

    @AfterEach
    void stopWatching() throws Exception {
        if (watch != null) {
            watch.close();
        }
    }
}
