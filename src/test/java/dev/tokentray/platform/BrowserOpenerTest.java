package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.testsupport.Poll;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser is opened by a real process: the desktop's command, or the one the variable names. */
class BrowserOpenerTest {
    private static final String STATE = "the-state-of-this-login";
    private static final URI ADDRESS =
            URI.create("http://127.0.0.1:5055/v2/login/authorization/dialog?state=" + STATE + "&client_id=c");
    private static final Pattern ONE_TIME_ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/[\\w-]{43}");

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

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
    void theCommandGetsALocalAddressAsItsLastArgumentWhichLeadsToTheAddressOnce() throws Exception {
        Path received = folder.resolve("received");
        Path script = executable("browser.sh", "#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > '" + received + "'\n");

        new BrowserOpener(List.of(script.toString(), "--new-tab")).open(ADDRESS);

        Poll.until("the command to run", Duration.ofSeconds(5), () -> Files.exists(received));
        String[] arguments = Files.readString(received).split("\\|");
        assertThat(arguments[0]).isEqualTo("--new-tab");
        URI local = URI.create(arguments[1]);
        HttpResponse<Void> redirect = get(local);
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue(ADDRESS.toString());
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThatThrownBy(() -> get(local)).as("used once, it is gone").isInstanceOf(ConnectException.class);
    }

    /**
     * Every local user can read a command line ({@code /proc/PID/cmdline}): the login's state must
     * not be on it. The command here writes down the whole command line it was started with.
     */
    @Test
    void theCommandLineHoldsNeitherTheAddressNorItsState() throws Exception {
        Path received = folder.resolve("cmdline");
        Path script = executable("browser.sh", "#!/bin/sh\ntr '\\0' ' ' < /proc/$$/cmdline > '" + received + "'\n");

        new BrowserOpener(List.of(script.toString())).open(ADDRESS);

        Poll.until("the command to run", Duration.ofSeconds(5), () -> Files.exists(received) && Files.size(received) > 0);
        String commandLine = Files.readString(received).strip();
        assertThat(commandLine).doesNotContain(STATE).doesNotContain("dialog").startsWith("/bin/sh " + script);
        assertThat(commandLine.substring(commandLine.lastIndexOf(' ') + 1)).matches(ONE_TIME_ADDRESS);
    }

    @Test
    void anAddressNobodyUsedStopsLeadingAnywhereWhenTheCommandFails() throws Exception {
        Path received = folder.resolve("received");
        Path failing = executable("no-browser.sh", "#!/bin/sh\nprintf '%s' \"$1\" > '" + received + "'\nexit 3\n");

        assertThatThrownBy(() -> new BrowserOpener(List.of(failing.toString())).open(ADDRESS)).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> get(URI.create(Files.readString(received)))).isInstanceOf(ConnectException.class);
    }

    @Test
    void onlyTheOneTimePathLeadsOn() throws Exception {
        OneTimeRedirect redirect = OneTimeRedirect.to(ADDRESS, Duration.ofMinutes(1));
        try {
            URI local = redirect.address();
            assertThat(get(local.resolve("/")).statusCode()).isEqualTo(404);
            assertThat(get(URI.create(local + "x")).statusCode()).isEqualTo(404);
            assertThat(get(local).statusCode()).as("still there after wrong guesses").isEqualTo(303);
        } finally {
            redirect.close();
        }
    }

    @Test
    void anUnusedAddressStopsAtTheEndOfItsLifetime() throws Exception {
        URI local = OneTimeRedirect.to(ADDRESS, Duration.ofMillis(300)).address();

        Poll.until("the address to stop leading on", Duration.ofSeconds(5), () -> !listening(local));
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

    private HttpResponse<Void> get(URI address) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static boolean listening(URI address) {
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private Path executable(String name, String text) throws IOException {
        Path script = folder.resolve(name);
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
