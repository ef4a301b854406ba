package dev.tokentray.testsupport;

import org.junit.jupiter.api.Test;

/**
 * Each part of the test desktop that scripts/test.sh starts is really there, one test per part,
 * so that a part that failed to start is named here rather than in some feature's test.
 */
class RealEnvironmentTest {
    @Test
    void keychain() {
        RealEnvironment.requireKeychain();
    }

    @Test
    void display() {
        RealEnvironment.requireDisplay();
    }

    @Test
    void trayHost() {
        RealEnvironment.requireTrayHost();
    }

    @Test
    void notificationDaemon() {
        RealEnvironment.requireNotificationDaemon();
    }

    @Test
    void redis() {
        RealEnvironment.requireRedis();
    }
}
