package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.testsupport.Poll;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser is opened by a real process: the desktop's command, or the one the variable names. */
class BrowserOpenerTest {
    private static final URI ADDRESS = URI.create("http://127.0.0.1:5055/v2/login/authorization/dialog?state=s&client_id=c");

    @TempDir
    Path folder;

    @Test
    void eachDesktopHasItsOwnCommandAndTheVariableTakesTheirPlace() {
        assertThat(BrowserOpener.of("Linux", Map.of()).command()).containsExactly("xdg-open");
        assertThat(BrowserOpener.of("Mac OS X", Map.of()).command()).containsExactly("open");
        assertThat(BrowserOpener.of("Windows 11", Map.of()).command()).containsExactly("rundll32", "url.dll,FileProtocolHandler");
        assertThat(BrowserOpener.of("Linux", Map.of(BrowserOpener.COMMAND_VARIABLE, " firefox  --new-window ")).command())
                .containsExactly("firefox", "--new-window");
    }

    @Test
    void theCommandGetsTheAddressAsItsLastArgument() throws Exception {
        Path received = folder.resolve("received");
        Path script = executable("browser.sh", "#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > '" + received + "'\n");

        new BrowserOpener(List.of(script.toString(), "--new-tab")).open(ADDRESS);

        Poll.until("the command to run", Duration.ofSeconds(5), () -> Files.exists(received));
        assertThat(Files.readString(received)).isEqualTo("--new-tab|" + ADDRESS);
    }

    @Test
    void aCommandThatKeepsRunningHasOpenedTheBrowser() throws Exception {
        Path script = executable("runs-the-browser.sh", "#!/bin/sh\nsleep 5\n");
        long start = System.nanoTime();
        new BrowserOpener(List.of(script.toString())).open(ADDRESS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BrowserOpener.FAILURE_WAIT.plusSeconds(2));
    }

    @Test
    void aFailingOrMissingCommandSaysSoWithoutTheAddress() throws Exception {
        Path failing = executable("no-browser.sh", "#!/bin/sh\nexit 3\n");
        IOException failed = catchThrowableOfType(IOException.class, () -> new BrowserOpener(List.of(failing.toString())).open(ADDRESS));
        assertThat(failed).hasMessage("Cannot open the browser: " + failing + " failed (exit code 3).");

        IOException missing = catchThrowableOfType(IOException.class,
                () -> new BrowserOpener(List.of(folder.resolve("nothing-here").toString())).open(ADDRESS));
        assertThat(missing.getMessage()).startsWith("Cannot open the browser: " + folder.resolve("nothing-here")
                + " cannot be started").doesNotContain("state=");
    }

    private Path executable(String name, String text) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
