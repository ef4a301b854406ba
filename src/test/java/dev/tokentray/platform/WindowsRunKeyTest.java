package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Run key adapter would run and import on Windows, through a recording command runner. */
class WindowsRunKeyTest {
    private static final String RUN_KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

    private final List<List<String>> ran = new ArrayList<>();
    private final List<String> imported = new ArrayList<>();
    private int exitCode;

    private final CommandRunner reg = command -> {
        ran.add(command);
        if (command.get(1).equals("import")) {
            try {
                imported.add(Files.readString(Path.of(command.get(2)), StandardCharsets.UTF_16LE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exitCode;
    };

    @Test
    void importsTheRunValueFromARegistryFileAndDeletesTheFile() throws Exception {
        new WindowsRunKey(reg).enable(List.of("C:\\Program Files\\Upstox Token Tray\\Upstox Token Tray.exe"));

        assertThat(ran).singleElement().satisfies(command -> {
            assertThat(command.subList(0, 2)).containsExactly("reg.exe", "import");
            assertThat(Path.of(command.get(2))).doesNotExist();
        });
        assertThat(imported).containsExactly("\uFEFFWindows Registry Editor Version 5.00\r\n\r\n"
                + "[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n"
                + "\"Upstox Token Tray\"=\"\\\"C:\\\\Program Files\\\\Upstox Token Tray\\\\Upstox Token Tray.exe\\\" --hidden\"\r\n");
    }

    @Test
    void asksAndDeletesTheValueByName() throws Exception {
        WindowsRunKey runKey = new WindowsRunKey(reg);
        assertThat(runKey.enabled()).isTrue();
        exitCode = 1; // reg query: no such value
        assertThat(runKey.enabled()).isFalse();
        runKey.disable(); // deleting what is not there is no error

        assertThat(ran).containsExactly(
                List.of("reg.exe", "query", RUN_KEY, "/v", "Upstox Token Tray"),
                List.of("reg.exe", "query", RUN_KEY, "/v", "Upstox Token Tray"),
                List.of("reg.exe", "delete", RUN_KEY, "/v", "Upstox Token Tray", "/f"),
                List.of("reg.exe", "query", RUN_KEY, "/v", "Upstox Token Tray"));
    }

    @Test
    void saysSoWhenWindowsRefuses() {
        exitCode = 1;
        assertThatThrownBy(() -> new WindowsRunKey(reg).enable(List.of("C:\\app.exe")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not let the app add itself");
    }

    @Test
    void quotesArgumentsAsWindowsProgramsSplitThem() {
        assertThat(WindowsRunKey.commandLine(List.of(
                "C:\\Program Files\\Java\\bin\\javaw.exe", "-Djdk.gtk.version=3", "-jar", "C:\\Users\\A B\\app.jar")))
                .isEqualTo("\"C:\\Program Files\\Java\\bin\\javaw.exe\" -Djdk.gtk.version=3 -jar \"C:\\Users\\A B\\app.jar\"");
        // A quote inside is escaped, with the backslashes before it doubled; so are trailing ones before the closing quote.
        assertThat(WindowsRunKey.commandLine(List.of("say \"hi\"", "a\\\"b", "C:\\dir with space\\", "")))
                .isEqualTo("\"say \\\"hi\\\"\" \"a\\\\\\\"b\" \"C:\\dir with space\\\\\" \"\"");
    }
}
