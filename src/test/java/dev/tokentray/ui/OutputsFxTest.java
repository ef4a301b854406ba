package dev.tokentray.ui;

import static dev.tokentray.testsupport.NotificationWatch.dunstctl;
import static dev.tokentray.ui.AppUnderTest.WAIT;
import static dev.tokentray.ui.AppUnderTest.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.output.FileFormat;
import dev.tokentray.output.FileOutputConfig;
import dev.tokentray.output.HookOutputConfig;
import dev.tokentray.output.OutputConfig;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.token.AccessToken;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.ui.status.Look;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token's outputs in the real app: a token file added in Settings gets the current token at
 * once, and one that cannot be written is told through the real notification daemon.
 */
class OutputsFxTest extends RealAppFxTest {
    private static final String SETTINGS = "Settings – Upstox Token Tray";
    private NotificationWatch watch;

    @AfterEach
    void stopWatching() throws Exception {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void aTokenFileAddedInSettingsGetsTheCurrentTokenAtOnceAndIsRemovedThere() throws Exception {
        Path bot = Files.createDirectories(folder.resolve("bot"));
        AppUnderTest starting = AppUnderTest.in(folder);
        // A hook set up with the command line beforehand: listed in Settings, not removable there.
        app = starting.beforeLaunch(() -> outputs(starting).add(starting.vault().profile(),
                HookOutputConfig.of(List.of("notify-bot", "--quiet"), Duration.ofSeconds(30)))).start();
        app.awaitLook(Look.VALID);
        AccessToken token = app.vault().token().orElseThrow();

        Stage settings = openSettings();
        ListView<?> list = (ListView<?>) node(settings, "#outputs");
        Fx.run(() -> ((ScrollPane) node(settings, ".form-scroll")).setVvalue(1.0));
        assertThat(Fx.call(() -> list.getItems().size())).isEqualTo(1);
        Path file = bot.resolve(".env");
        robot.clickOn(node(settings, "#outputPath")).write(file.toString());
        robot.clickOn(node(settings, "#addOutput"));

        Poll.until("the file to hold the current token", WAIT,
                () -> Files.exists(file) && Files.readString(file).equals("UPSTOX_ACCESS_TOKEN=" + token.value().reveal() + "\n"));
        assertThat(outputs(app).of(app.vault().profile()))
                .containsExactly(HookOutputConfig.of(List.of("notify-bot", "--quiet"), Duration.ofSeconds(30)).withId("hook-1"),
                        new FileOutputConfig("file-1", FileFormat.DOTENV, file));
        assertThat(Fx.call(() -> list.getItems().stream().map(item -> ((OutputConfig) item).summary()).toList()))
                .containsExactly("hook, at most 30 s: notify-bot --quiet", "file, dotenv: " + file);
        Screenshots.inBothThemes(settings.getScene(), "settings-outputs");

        Fx.run(() -> list.getSelectionModel().select(0));
        assertThat(Fx.call(() -> node(settings, "#removeOutput").isDisabled())).as("a hook: the command line's").isTrue();
        Fx.run(() -> list.getSelectionModel().select(1));
        robot.clickOn(node(settings, "#removeOutput"));
        Poll.until("the file gone from the list", WAIT, () -> Fx.call(() -> list.getItems().size()) == 1);
        assertThat(outputs(app).of(app.vault().profile())).hasSize(1);
        assertThat(file).as("the file itself stays").exists();
    }

    @Test
    void aTokenFileThatCannotBeWrittenIsNotifiedOnceWithWhatToDo() throws Exception {
        RealEnvironment.requireNotificationDaemon();
        dunstctl("close-all");
        watch = NotificationWatch.start(folder);
        Path notAFolder = Files.writeString(folder.resolve("not-a-folder"), "");
        Path file = notAFolder.resolve("token");
        EnumSet<NotificationKind> kinds = EnumSet.of(NotificationKind.OUTPUT_FAILED);
        AppUnderTest starting = AppUnderTest.in(folder).notifications(kinds);
        app = starting.beforeLaunch(() -> outputs(starting).add(starting.vault().profile(),
                FileOutputConfig.of(FileFormat.PLAIN, file))).start();

        Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
        List<String> call = watch.notifyCalls().getFirst();
        assertThat(call.get(3)).as("the summary").isEqualTo("string \"Could not hand the token to the file " + file + "\"");
        assertThat(call.get(4)).as("the body").contains("Cannot write " + file + ": " + notAFolder + " is a file, not a folder.", "choose another")
                .doesNotContain(app.vault().token().orElseThrow().value().reveal());
        app.awaitLook(Look.VALID);
        XDisplay.ofTestRun().screenshot("notification-output-failed");
    }

    private static OutputSettings outputs(AppUnderTest app) {
        return new OutputSettings(SettingsFile.in(app.dirs()));
    }

    private Stage openSettings() throws Exception {
        robot.clickOn(Fx.call(() -> (Button) app.scene().getRoot().lookupAll(".button").stream()
                .filter(b -> "_Settings…".equals(((Button) b).getText())).findFirst().orElseThrow()));
        return AppUnderTest.awaitWindow(SETTINGS);
    }
}
