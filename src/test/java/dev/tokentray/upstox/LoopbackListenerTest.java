package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.upstox.BrowserLoginException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loopback listener over real HTTP and real sockets: what the browser gets, what the app gets, and when it closes. */
class LoopbackListenerTest {
    private static final String STATE = "the-state-of-this-login";
    private static final Duration LONG = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private int port;
    private URI redirectUri;
    private LoopbackListener listener;

    @BeforeEach
    void pickPort() throws IOException {
        port = FreePort.pick();
        redirectUri = URI.create("http://127.0.0.1:" + port + "/callback");
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private LoopbackListener listen(Duration timeout) throws IOException {
        listener = LoopbackListener.start(redirectUri, STATE, timeout);
        return listener;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean listening(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private boolean listening() {
        return listening(InetAddress.getLoopbackAddress());
    }

    @Test
    void theFirstRequestWithThisLoginsStateAndACodeGetsTheClosePageAndTheCode() throws Exception {
        listen(LONG);

        HttpResponse<String> page = get("/callback?code=c0de1&state=" + STATE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("You can close this tab").doesNotContain("c0de1");
        assertThat(listener.awaitCode().value().reveal()).isEqualTo("c0de1");
    }

    @Test
    void afterTheCodeASecondRequestFindsNothingListening() throws Exception {
        listen(LONG);
        get("/callback?code=first&state=" + STATE);
        listener.awaitCode();

        assertThatThrownBy(() -> get("/callback?code=second&state=" + STATE)).isInstanceOf(ConnectException.class);
        assertThat(listening()).isFalse();
    }

    @Test
    void itClosesAfterOneLoginEvenWhenNobodyAwaitsTheCode() throws Exception {
        listen(LONG);

        get("/callback?code=first&state=" + STATE);

        Poll.until("the listener to close", Duration.ofSeconds(5), () -> !listening());
    }

    @Test
    void aRequestWithoutCodeGetsAnErrorPageAndTheListenerKeepsWaiting() throws Exception {
        listen(LONG);
        CompletableFuture<AuthorizationCode> code = awaitInBackground();

        HttpResponse<String> page = get("/callback?state=" + STATE);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("No login code", "The app is still waiting");
        assertThat(code).isNotDone();
        assertThat(get("/callback?code=later&state=" + STATE).statusCode()).isEqualTo(200);
        assertThat(code.get().value().reveal()).isEqualTo("later");
    }

    @Test
    void aRequestWithAnotherOrNoStateGetsAnErrorPageAndTheListenerKeepsWaiting() throws Exception {
        listen(LONG);
        CompletableFuture<AuthorizationCode> code = awaitInBackground();

        HttpResponse<String> wrong = get("/callback?code=forged&state=another");
        HttpResponse<String> none = get("/callback?code=forged");

        for (HttpResponse<String> page : List.of(wrong, none)) {
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("Not this login", "its state is missing or another login");
        }
        assertThat(code).isNotDone();
        get("/callback?code=right&state=" + STATE);
        assertThat(code.get().value().reveal()).isEqualTo("right");
    }

    @Test
    void otherPathsAndMethodsLeaveTheWaitAlone() throws Exception {
        listen(LONG);
        CompletableFuture<AuthorizationCode> code = awaitInBackground();

        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
        assertThat(get("/callbackx?code=c&state=" + STATE).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(redirectUri + "?code=c&state=" + STATE))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);

        assertThat(code).isNotDone();
        assertThat(get("/callback/?code=slash&state=" + STATE).statusCode()).as("a trailing slash is the same path")
                .isEqualTo(200);
        assertThat(code.get().value().reveal()).isEqualTo("slash");
    }

    @Test
    void anErrorFromUpstoxEndsTheWaitWithItsWords() throws Exception {
        listen(LONG);

        HttpResponse<String> page = get("/callback?error=access_denied&error_description=Denied+by+user&state=" + STATE);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Upstox did not log you in", "access_denied: Denied by user");
        BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class, listener::awaitCode);
        assertThat(failure.reason()).isEqualTo(Reason.REFUSED_BY_UPSTOX);
        assertThat(listening()).isFalse();
    }

    @Test
    void theWaitIsBoundedAndTheTimeoutClosesTheListener() throws Exception {
        listen(Duration.ofMillis(400));
        long start = System.nanoTime();

        BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class, listener::awaitCode);

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(failure.getMessage()).startsWith("The browser did not come back to " + redirectUri);
        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(listening()).isFalse();
    }

    @Test
    void theTimeoutClosesTheListenerWhenNobodyWaits() throws Exception {
        listen(Duration.ofMillis(300));
        assertThat(listening()).isTrue();

        Poll.until("the listener to close at its timeout", Duration.ofSeconds(5), () -> !listening());
    }

    @Test
    void closingEndsTheWaitAsCancelled() throws Exception {
        listen(LONG);
        CompletableFuture<AuthorizationCode> code = awaitInBackground();

        listener.close();

        assertThat(code).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .withRootCauseInstanceOf(CancellationException.class);
        assertThat(listening()).isFalse();
    }

    @Test
    void itListensOnLoopbackOnlyNotOnTheMachinesOtherAddresses() throws Exception {
        listen(LONG);

        List<InetAddress> bound = listeningAddresses(port);
        assertThat(bound).isNotEmpty().allSatisfy(address -> assertThat(address.isLoopbackAddress())
                .as("%s listens on %s", port, address).isTrue());
        List<InetAddress> others = otherAddressesOfThisMachine();
        assertThat(others).as("this machine's other addresses").allSatisfy(address -> assertThat(listening(address))
                .as("reachable on %s", address).isFalse());
        assertThat(listening()).isTrue();
    }

    @Test
    void localhostIsListenedOnAtBothLoopbackAddresses() throws Exception {
        redirectUri = URI.create("http://localhost:" + port + "/cb");
        listen(LONG);

        assertThat(listening(InetAddress.getByName("127.0.0.1"))).isTrue();
        if (ipv6Loopback()) {
            assertThat(listening(InetAddress.getByName("::1"))).isTrue();
        }
        assertThat(listeningAddresses(port)).allSatisfy(address -> assertThat(address.isLoopbackAddress()).isTrue());
        assertThat(get(URI.create("http://localhost:" + port + "/cb?code=l&state=" + STATE)).statusCode()).isEqualTo(200);
        assertThat(listener.awaitCode().value().reveal()).isEqualTo("l");
    }

    /**
     * A browser may take localhost to [::1]: a program listening there would get the code. Only a
     * machine without IPv6 makes do with 127.0.0.1.
     */
    @Test
    void withLocalhostATakenIpv6PortIsAFailureWhereTheMachineHasIpv6() throws Exception {
        redirectUri = URI.create("http://localhost:" + port + "/cb");
        if (!ipv6Loopback()) {
            listen(LONG);
            assertThat(listening(InetAddress.getByName("127.0.0.1"))).as("without IPv6, 127.0.0.1 alone").isTrue();
            return;
        }
        try (ServerSocket other = new ServerSocket(port, 1, InetAddress.getByName("::1"))) {
            IOException failure = catchThrowableOfType(IOException.class, () -> listen(LONG));

            assertThat(failure).hasMessage("Cannot listen on " + redirectUri + " for the browser login: [::1]:" + port
                    + " is in use by another program, or needs rights this user lacks.");
            assertThat(listening(InetAddress.getByName("127.0.0.1"))).as("nothing half-started").isFalse();
        }
    }

    @Test
    void aPortInUseIsSaidPlainly() throws Exception {
        try (ServerSocket other = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            IOException failure = catchThrowableOfType(IOException.class, () -> listen(LONG));

            assertThat(failure).hasMessage("Cannot listen on " + redirectUri + " for the browser login: port " + port
                    + " is in use by another program, or needs rights this user lacks.");
        }
    }

    private CompletableFuture<AuthorizationCode> awaitInBackground() {
        CompletableFuture<AuthorizationCode> code = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                code.complete(listener.awaitCode());
            } catch (Throwable e) {
                code.completeExceptionally(e);
            }
        });
        return code;
    }

    /** The local addresses of the sockets in LISTEN state on {@code port}, as the kernel tells them (Linux). */
    private static List<InetAddress> listeningAddresses(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.strip().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(kernelAddress(local[0]));
                }
            }
        }
        return addresses;
    }

    /** The kernel writes each 32-bit word of the address in the machine's (little-endian) order. */
    private static InetAddress kernelAddress(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private static List<InetAddress> otherAddressesOfThisMachine() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> a instanceof Inet4Address || !a.isLinkLocalAddress()).forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
