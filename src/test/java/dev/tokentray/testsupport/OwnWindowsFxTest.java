package dev.tokentray.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxToolkit;

/**
 * A test of windows it makes itself (not the whole app's), on the test run's X display: JavaFX
 * starts once, and every window a test left open closes after it.
 */
public abstract class OwnWindowsFxTest {
    @BeforeAll
    static void startJavaFx() throws Exception {
        RealEnvironment.requireDisplay();
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }
}
