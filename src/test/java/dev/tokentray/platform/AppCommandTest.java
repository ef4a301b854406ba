package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCommandTest {
    private static final Path JAVA_HOME = Path.of("/opt/jdk-25");

    @TempDir
    Path temp;

    @Test
    void theInstalledLauncherComesFirst() throws Exception {
        Path jar = Files.createFile(temp.resolve("upstox-token-tray.jar"));
        assertThat(AppCommand.of(Optional.of("/opt/upstox-token-tray/bin/Upstox Token Tray"), JAVA_HOME, Optional.of(jar),
                "Linux")).contains(List.of("/opt/upstox-token-tray/bin/Upstox Token Tray"));
    }

    @Test
    void elseJavaRunsTheAppsJar() throws Exception {
        Path jar = Files.createFile(temp.resolve("upstox-token-tray.jar"));
        assertThat(AppCommand.of(Optional.empty(), JAVA_HOME, Optional.of(jar), "Linux"))
                .contains(List.of("/opt/jdk-25/bin/java", "-Djdk.gtk.version=3", "-jar", jar.toString()));
    }

    @Test
    void onWindowsJavawWhichOpensNoConsole() throws Exception {
        Path jar = Files.createFile(temp.resolve("upstox-token-tray.jar"));
        Path javaHome = temp.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        Files.createFile(javaHome.resolve("bin").resolve("javaw.exe"));
        assertThat(AppCommand.of(Optional.empty(), javaHome, Optional.of(jar), "Windows 11").orElseThrow().getFirst())
                .isEqualTo(javaHome.resolve("bin").resolve("javaw.exe").toString());
    }

    @Test
    void nothingWhenTheAppRunsFromClassFolders() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("target").resolve("classes"));
        assertThat(AppCommand.of(Optional.empty(), JAVA_HOME, Optional.of(classes), "Linux")).isEmpty();
        assertThat(AppCommand.of(Optional.empty(), JAVA_HOME, Optional.empty(), "Linux")).isEmpty();
        assertThat(AppCommand.current()).as("the tests run from target/classes").isEmpty();
    }

    @Test
    void theFactoryPicksTheWayOfTheDesktop() {
        Path home = Path.of("/home/trader");
        assertThat(StartAtLogin.of("Windows 11", home, Map.of())).isInstanceOf(WindowsRunKey.class);
        assertThat(StartAtLogin.of("Mac OS X", home, Map.of())).isInstanceOf(MacLaunchAgent.class);
        assertThat(StartAtLogin.of("Linux", home, Map.of())).isInstanceOf(XdgAutostart.class);
        assertThat(StartAtLogin.of("FreeBSD", home, Map.of())).isInstanceOf(XdgAutostart.class);
    }
}
