package dev.tokentray.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.output.FileFormat;
import dev.tokentray.output.FileOutputConfig;
import dev.tokentray.output.HookOutputConfig;
import dev.tokentray.output.OutputSettings;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.vault.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings window's outputs without a display: adding and removing token files, and what it says. */
class OutputsModelTest {
    private static final Profile PROFILE = new Profile("default");

    @TempDir
    Path folder;

    private final AtomicInteger changes = new AtomicInteger();

    private OutputSettings settings() {
        return new OutputSettings(new SettingsFile(folder.resolve("settings.json")));
    }

    private OutputsModel model() {
        OutputsModel model = new OutputsModel(new OutputsModel.Wiring(settings(), profile -> {
            assertThat(profile).isEqualTo(PROFILE);
            changes.incrementAndGet();
        }), folder);
        model.profileProperty().set(PROFILE);
        return model;
    }

    @Test
    void aTokenFileIsAddedSavedAtOnceAndTheAppToldToWriteIt() {
        OutputsModel model = model();
        model.formatProperty().set(FileFormat.JSON);
        model.pathProperty().set("~/bot/token.json");

        model.addFile();

        FileOutputConfig added = new FileOutputConfig("file-1", FileFormat.JSON, folder.resolve("bot/token.json"));
        assertThat(settings().of(PROFILE)).containsExactly(added);
        assertThat(model.outputs()).containsExactly(added);
        assertThat(model.pathProperty().get()).isEmpty();
        assertThat(model.noticeProperty().get().tone()).isEqualTo(Notice.Tone.SUCCESS);
        assertThat(model.noticeProperty().get().text()).contains(folder.resolve("bot/token.json").toString(), "now");
        assertThat(changes).hasValue(1);
    }

    @Test
    void aPathThatIsNotAFilesPathIsRefusedWithWhy() throws Exception {
        OutputsModel model = model();
        Path existingFolder = Files.createDirectories(folder.resolve("bot"));
        for (String typed : List.of("", "bot/.env", existingFolder.toString())) {
            model.pathProperty().set(typed);
            model.addFile();
            assertThat(model.noticeProperty().get().tone()).as(typed).isEqualTo(Notice.Tone.ERROR);
        }
        assertThat(model.noticeProperty().get().text()).contains("is a folder");
        assertThat(settings().of(PROFILE)).isEmpty();
        assertThat(changes).hasValue(0);
    }

    @Test
    void onlyTokenFilesAreRemovedHereAndTheFileStays() throws Exception {
        settings().add(PROFILE, HookOutputConfig.of(List.of("notify-bot"), Duration.ofSeconds(30)));
        Path file = Files.writeString(folder.resolve(".env"), "UPSTOX_ACCESS_TOKEN=x\n");
        settings().add(PROFILE, FileOutputConfig.of(FileFormat.DOTENV, file));
        OutputsModel model = model();
        assertThat(model.outputs()).extracting(OutputsModel::removable).containsExactly(false, true);

        model.remove(model.outputs().get(1));

        assertThat(settings().of(PROFILE)).singleElement().isInstanceOf(HookOutputConfig.class);
        assertThat(model.outputs()).hasSize(1);
        assertThat(model.noticeProperty().get().text()).contains("stays");
        assertThat(file).exists();
        assertThat(changes).hasValue(1);
    }

    @Test
    void theOutputsShownAndAddedAreThoseOfTheAccountChosen() throws Exception {
        Profile huf = new Profile("priya-huf");
        settings().add(huf, HookOutputConfig.of(List.of("notify-huf-bot"), Duration.ofSeconds(30)));
        List<Profile> told = new java.util.ArrayList<>();
        OutputsModel model = new OutputsModel(new OutputsModel.Wiring(settings(), told::add), folder);
        assertThat(model.outputs()).as("no account chosen yet").isEmpty();
        model.pathProperty().set(folder.resolve("none.env").toString());
        model.addFile();
        assertThat(model.noticeProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);

        model.profileProperty().set(PROFILE);
        assertThat(model.outputs()).isEmpty();
        model.profileProperty().set(huf);
        assertThat(model.outputs()).singleElement().isInstanceOf(HookOutputConfig.class);
        model.pathProperty().set(folder.resolve("huf.env").toString());
        model.addFile();

        assertThat(settings().of(huf)).hasSize(2);
        assertThat(settings().of(PROFILE)).isEmpty();
        assertThat(told).containsExactly(huf);
    }
}
