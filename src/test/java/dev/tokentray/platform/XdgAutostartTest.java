package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autostart entry in a temporary XDG_CONFIG_HOME, read back by GLib's own desktop-entry parser. */
class XdgAutostartTest {
    @TempDir
    Path configHome;

    @Test
    void writesAnEntryThatStartsTheAppHiddenAndRemovesIt() throws Exception {
        XdgAutostart autostart = new XdgAutostart(configHome);
        Path entry = configHome.resolve("autostart").resolve("upstox-token-tray.desktop");
        assertThat(autostart.enabled()).isFalse();

        autostart.enable(List.of("/opt/upstox-token-tray/bin/Upstox Token Tray"));

        assertThat(autostart.enabled()).isTrue();
        assertThat(Files.readAllLines(entry)).contains(
                "[Desktop Entry]",
                "Type=Application",
                "Name=Upstox Token Tray",
                "TryExec=/opt/upstox-token-tray/bin/Upstox Token Tray",
                "Exec=\"/opt/upstox-token-tray/bin/Upstox Token Tray\" --hidden",
                "X-GNOME-Autostart-enabled=true");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");

        autostart.disable();
        assertThat(entry).doesNotExist();
        assertThat(autostart.enabled()).isFalse();
        autostart.disable(); // when already off: nothing to do, no error
    }

    @Test
    void anEntryTheDesktopSwitchedOffCountsAsOff() throws Exception {
        XdgAutostart autostart = new XdgAutostart(configHome);
        autostart.enable(List.of("/usr/bin/upstox-token-tray"));
        Path entry = configHome.resolve("autostart").resolve("upstox-token-tray.desktop");

        Files.writeString(entry, Files.readString(entry).replace("X-GNOME-Autostart-enabled=true",
                "X-GNOME-Autostart-enabled=false"));
        assertThat(autostart.enabled()).isFalse();

        autostart.enable(List.of("/usr/bin/upstox-token-tray"));
        assertThat(autostart.enabled()).as("enabling again switches it back on").isTrue();
        Files.writeString(entry, Files.readString(entry) + "Hidden = true\n");
        assertThat(autostart.enabled()).isFalse();
    }

    @Test
    void quotesAndEscapesTheArgumentsAsTheSpecificationSays() {
        assertThat(XdgAutostart.exec(List.of("/usr/bin/java", "-jar", "/home/a b/app.jar")))
                .isEqualTo("/usr/bin/java -jar \"/home/a b/app.jar\"");
        assertThat(XdgAutostart.exec(List.of("/x/a\"b", "c$d", "e`f", "g\\h", "100%", "")))
                .isEqualTo("\"/x/a\\\\\"b\" \"c\\\\$d\" \"e\\\\`f\" \"g\\\\\\\\h\" 100%% \"\"");
    }

    /**
     * The real check of the escaping: GLib's launcher ({@code gio launch}, as GNOME starts autostart
     * entries) runs the entry, and a script prints the arguments it received.
     */
    @Test
    void theDesktopStartsTheCommandWithExactlyTheseArguments() throws Exception {
        requireGio();
        Path folder = Files.createDirectories(configHome.resolve("app folder"));
        Path script = folder.resolve("print arguments.sh");
        // Written whole, then renamed, so that the test never reads half of it.
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > \"$0.tmp\"\n"
                + "mv \"$0.tmp\" \"$0.out\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        List<String> arguments = List.of("-jar", "/home/a b/app's.jar", "quote\"d", "$HOME", "back\\slash",
                "100%", "semi;colon", "tab\there", "*?~#()<>|&`");

        XdgAutostart autostart = new XdgAutostart(configHome);
        autostart.enable(concat(script.toString(), arguments));
        Commands.Result launched = Commands.run(Duration.ofSeconds(10), "gio", "launch",
                configHome.resolve("autostart").resolve("upstox-token-tray.desktop").toString());

        assertThat(launched.succeeded()).isTrue();
        Path printed = Path.of(script + ".out");
        Poll.until("the command to start", Duration.ofSeconds(10), () -> Files.exists(printed));
        List<String> expected = concat(arguments, "--hidden").stream().map(a -> "[" + a + "]").toList();
        assertThat(Files.readAllLines(printed)).containsExactlyElementsOf(expected);
    }

    @Test
    void followsXdgConfigHome() throws Exception {
        StartAtLogin linux = StartAtLogin.of("Linux", Path.of("/home/trader"),
                Map.of("XDG_CONFIG_HOME", configHome.toString()));
        linux.enable(List.of("/usr/bin/upstox-token-tray"));
        assertThat(configHome.resolve("autostart").resolve("upstox-token-tray.desktop")).exists();
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    private static List<String> concat(List<String> first, String last) {
        return Stream.concat(first.stream(), Stream.of(last)).toList();
    }

    private static void requireGio() {
        try {
            if (Commands.run(Duration.ofSeconds(5), "sh", "-c", "gio help launch >/dev/null 2>&1").succeeded()) {
                return;
            }
        } catch (IOException | InterruptedException e) {
            // not installed: said below
        }
        String message = "This test needs GLib's `gio launch` (Debian package libglib2.0-bin) to read the entry as a"
                + " desktop does";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
