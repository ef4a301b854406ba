package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;

import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import java.nio.file.Path;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * What the tests of the real app under TestFX share: JavaFX on the test display, the real
 * keychain, a folder for the app's files, and the app and its windows gone after each test.
 */
abstract class RealAppFxTest {
    protected final FxRobot robot = new FxRobot();
    protected AppUnderTest app;

    @TempDir
    protected Path folder;

    @BeforeAll
    static void startJavaFx() throws Exception {
        RealEnvironment.requireDisplay();
        RealEnvironment.requireKeychain();
        FxToolkit.registerPrimaryStage();
    }

    /** After a subclass's own {@code @AfterEach}, which may close the app itself (and set it to null). */
    @AfterEach
    void closeTheApp() throws Exception {
        if (app != null) {
            app.close();
        }
        FxToolkit.cleanupStages();
    }

    /** Chooses {@code part} ("edit-credentials", "remove" ...) in the menu of the account's row. */
    protected void openMenuItem(int account, String part) throws Exception {
        MenuButton more = Fx.call(() -> (MenuButton) app.scene().lookup("#" + app.row("more", account)));
        robot.clickOn(more);
        Poll.until("the menu to open", WAIT, () -> Fx.call(more::isShowing));
        Fx.run(() -> more.getItems().stream().filter(item -> app.row(part, account).equals(item.getId())).findFirst()
                .orElseThrow().fire());
        Fx.run(more::hide);
    }
}
