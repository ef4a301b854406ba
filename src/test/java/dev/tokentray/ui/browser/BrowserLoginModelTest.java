package dev.tokentray.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.token.AccessToken;
import dev.tokentray.ui.browser.BrowserLoginModel.Phase;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.status.States;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxHosts;
import dev.tokentray.vault.KeychainException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The browser login's steps as the window shows them, without a display: a real loopback listener
 * that real HTTP requests reach, the paste path, and every way it can end. The app's side (the
 * keychain, the browser, the exchange) is a recording stand-in.
 */
class BrowserLoginModelTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = States.ist("2026-11-22T09:10");
    private static final AccessToken TOKEN = States.token(NOW, States.ist("2026-11-23T03:30"));

    private final MutableClock clock = new MutableClock(NOW);
    /** The FX thread's stand-in: one thread, as the model expects. */
    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient browser = HttpClient.newHttpClient();
    private final Steps steps = new Steps();
    private BrowserLoginModel model;

    /** The app's side: hands out logins for a redirect URI, records the browser opened and the codes exchanged. */
    private static final class Steps implements BrowserLoginSteps {
        volatile String redirectUri;
        volatile IOException browserFails;
        volatile KeychainException exchangeFails;
        final List<BrowserLogin> begun = new CopyOnWriteArrayList<>();
        final List<URI> opened = new CopyOnWriteArrayList<>();
        final List<String> exchanged = new CopyOnWriteArrayList<>();

        @Override
        public BrowserLogin begin() {
            UpstoxCredentials account = SimulatedAccount.defaults().credentials();
            BrowserLogin login = BrowserLogin.of(UpstoxHosts.upstox(), new UpstoxCredentials(account.mobileNumber(),
                    account.pin(), account.totpSecret(), account.clientId(), account.clientSecret(), redirectUri));
            begun.add(login);
            return login;
        }

        @Override
        public void openBrowser(URI address) throws IOException {
            if (browserFails != null) {
                throw browserFails;
            }
            opened.add(address);
        }

        @Override
        public AccessToken finish(BrowserLogin login, AuthorizationCode code) throws KeychainException {
            exchanged.add(code.value().reveal());
            if (exchangeFails != null) {
                throw exchangeFails;
            }
            return TOKEN;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            onFx(() -> {
                model.cancel();
                return null;
            });
        }
        fx.shutdownNow();
        background.shutdownNow();
    }

    @Test
    void aLoopbackLoginListensOpensTheBrowserCountsDownAndExchangesTheCodeTheBrowserBrings() throws Exception {
        int port = startListening();

        BrowserLogin login = steps.begun.getFirst();
        assertThat(onFx(() -> model.addressProperty().get())).isEqualTo(login.address().toString());
        assertThat(onFx(() -> model.waitingProperty().get()))
                .isEqualTo("Waiting for Upstox to send the browser back to " + steps.redirectUri + " …");
        Poll.until("the browser to open", WAIT, () -> steps.opened.equals(List.of(login.address())));
        Poll.until("the model to say so", WAIT, () -> onFx(() -> model.browserProperty().get().tone()) == Notice.Tone.INFO);
        assertThat(onFx(() -> model.timeLeftProperty().get())).isEqualTo("5:00 left");
        clock.advance(Duration.ofSeconds(75));
        assertThat(onFx(() -> {
            model.tick();
            return model.timeLeftProperty().get();
        })).isEqualTo("3:45 left");

        HttpResponse<String> page = visit(steps.redirectUri + "?code=CODE42&state=" + state(login));
        assertThat(page.statusCode()).isEqualTo(200);
        awaitPhase(Phase.DONE);
        assertThat(steps.exchanged).containsExactly("CODE42");
        assertThat(onFx(() -> model.resultProperty().get()))
                .isEqualTo(Notice.success("Logged in: token valid until 03:30 IST tomorrow."));
        assertThat(connects(port)).as("the listener closed after the login").isFalse();
    }

    @Test
    void aRedirectUriElsewhereAsksForThePastedAddressAndAWrongPasteCanBeCorrected() throws Exception {
        startPasting();
        BrowserLogin login = steps.begun.getFirst();

        paste("https://example.com/cb?state=" + state(login));
        assertThat(onFx(() -> model.phase())).as("a paste without code costs nothing").isEqualTo(Phase.PASTE);
        assertThat(onFx(() -> model.resultProperty().get().tone())).isEqualTo(Notice.Tone.ERROR);
        assertThat(onFx(() -> model.resultProperty().get().text())).contains("carries no login code");

        paste("https://example.com/cb?code=STALE&state=another-login");
        assertThat(onFx(() -> model.phase())).isEqualTo(Phase.PASTE);
        assertThat(onFx(() -> model.resultProperty().get().text())).contains("belongs to another login")
                .doesNotContain("STALE");

        paste("https://example.com/cb?code=GOOD7&state=" + state(login));
        awaitPhase(Phase.DONE);
        assertThat(steps.exchanged).containsExactly("GOOD7");
    }

    @Test
    void upstoxsRefusalInThePastedAddressEndsTheLoginAndStartAgainMakesANewOne() throws Exception {
        startPasting();
        String firstAddress = onFx(() -> model.addressProperty().get());

        paste("https://example.com/cb?error=access_denied&state=" + state(steps.begun.getFirst()));
        assertThat(onFx(() -> model.phase())).isEqualTo(Phase.FAILED);
        assertThat(onFx(() -> model.resultProperty().get().text())).startsWith("Upstox did not log you in");

        onFx(() -> {
            model.start();
            return null;
        });
        awaitPhase(Phase.PASTE);
        assertThat(onFx(() -> model.addressProperty().get())).as("a new state").isNotEqualTo(firstAddress);
        assertThat(onFx(() -> model.resultProperty().get())).isEqualTo(Notice.NONE);
        assertThat(steps.exchanged).isEmpty();
    }

    @Test
    void cancellingStopsTheListenerAndNoCodeIsExchangedAfterwards() throws Exception {
        int port = startListening();
        assertThat(connects(port)).isTrue();

        onFx(() -> {
            model.cancel();
            return null;
        });
        assertThat(onFx(() -> model.phase())).isEqualTo(Phase.CLOSED);
        Poll.until("the port to be free", WAIT, () -> !connects(port));
        assertThat(steps.exchanged).isEmpty();
    }

    @Test
    void aBrowserThatNeverComesBackEndsInTimeWithWhatToDo() throws Exception {
        steps.redirectUri = "http://127.0.0.1:" + FreePort.pick() + "/callback";
        start(Duration.ofMillis(400));

        awaitPhase(Phase.FAILED);
        assertThat(onFx(() -> model.resultProperty().get().text()))
                .startsWith("The browser did not come back to " + steps.redirectUri)
                .contains("Start the browser login again");
    }

    @Test
    void aPortInUseSaysSoAndWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            steps.redirectUri = "http://127.0.0.1:" + taken.getLocalPort() + "/callback";
            start(Duration.ofMinutes(5));

            awaitPhase(Phase.FAILED);
            assertThat(onFx(() -> model.resultProperty().get().text()))
                    .contains("port " + taken.getLocalPort() + " is in use by another program", "start the browser login again");
            assertThat(steps.opened).as("no browser for a login that cannot come back").isEmpty();
        }
    }

    @Test
    void aBrowserThatCannotBeStartedLeavesTheAddressToCopy() throws Exception {
        steps.browserFails = new IOException("Cannot open the browser: xdg-open failed (exit code 3).");
        startPasting();

        Poll.until("the model to say so", WAIT, () -> !onFx(() -> model.browserProperty().get()).isEmpty());
        assertThat(onFx(() -> model.browserProperty().get())).isEqualTo(Notice.error("Cannot open the browser: xdg-open"
                + " failed (exit code 3). Copy the address above and open it in your browser."));
        assertThat(onFx(() -> model.addressProperty().get())).startsWith("https://api.upstox.com/v2/login/authorization/dialog?");
    }

    @Test
    void aFailedExchangeSaysWhyAndOffersAnotherStart() throws Exception {
        steps.exchangeFails = new KeychainException(KeychainException.Reason.LOCKED, "The keychain is locked.", null);
        startPasting();

        paste("https://example.com/cb?code=C1&state=" + state(steps.begun.getFirst()));
        awaitPhase(Phase.FAILED);
        assertThat(onFx(() -> model.resultProperty().get()))
                .isEqualTo(Notice.error("The token could not be had or stored: The keychain is locked."));
    }

    // ---- helpers ----

    /** A login with a loopback redirect URI on a free port, waiting for the browser; the port. */
    private int startListening() throws Exception {
        int port = FreePort.pick();
        steps.redirectUri = "http://127.0.0.1:" + port + "/callback";
        start(Duration.ofMinutes(5));
        awaitPhase(Phase.WAITING);
        return port;
    }

    /** A login with a redirect URI elsewhere, waiting for the pasted address. */
    private void startPasting() throws Exception {
        steps.redirectUri = "https://example.com/cb";
        start(Duration.ofMinutes(5));
        awaitPhase(Phase.PASTE);
    }

    private void start(Duration timeout) throws Exception {
        model = new BrowserLoginModel(steps, clock, timeout, background, fx);
        onFx(() -> {
            model.start();
            return null;
        });
    }

    private void paste(String address) throws Exception {
        onFx(() -> {
            model.submitPasted(address);
            return null;
        });
    }

    private void awaitPhase(Phase phase) throws Exception {
        Poll.until("the phase " + phase, WAIT, () -> onFx(() -> model.phase()) == phase);
    }

    private <T> T onFx(Callable<T> work) throws Exception {
        return fx.submit(work).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The login's state, as its address carries it. */
    private static String state(BrowserLogin login) {
        String query = login.address().getRawQuery();
        return query.substring(query.indexOf("state=") + "state=".length());
    }

    private HttpResponse<String> visit(String address) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(address)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
