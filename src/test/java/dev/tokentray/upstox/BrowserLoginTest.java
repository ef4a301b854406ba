package dev.tokentray.upstox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.upstox.BrowserLoginException.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser login's address and the reading of a pasted address; no network. */
class BrowserLoginTest {
    private static final UpstoxCredentials CREDENTIALS = SimulatedAccount.defaults().credentials();
    private final BrowserLogin login = BrowserLogin.of(UpstoxHosts.upstox(), CREDENTIALS);

    @Test
    void theAddressIsUpstoxsAuthorizationDialogWithTheAppAndARandomState() {
        URI address = login.address();
        Map<String, String> query = QueryStrings.parameters(address);

        assertThat(address.getScheme() + "://" + address.getHost() + address.getPath())
                .isEqualTo("https://api.upstox.com/v2/login/authorization/dialog");
        assertThat(query).containsExactly(
                Map.entry("response_type", "code"),
                Map.entry("client_id", CREDENTIALS.clientId()),
                Map.entry("redirect_uri", CREDENTIALS.redirectUri()),
                Map.entry("state", login.state()));
        assertThat(login.state()).matches("[A-Za-z0-9_-]{43}");
        assertThat(BrowserLogin.of(UpstoxHosts.upstox(), CREDENTIALS).state()).isNotEqualTo(login.state());
        assertThat(login.redirectUri()).isEqualTo(URI.create(CREDENTIALS.redirectUri()));
    }

    @Test
    void aPastedAddressWithCodeAndThisLoginsStateGivesTheCode() throws Exception {
        String pasted = "  \"" + CREDENTIALS.redirectUri() + "?code=Ab12Cd&state=" + login.state() + "#top\"\n";

        assertThat(login.codeFromPastedAddress(pasted).value().reveal()).isEqualTo("Ab12Cd");
    }

    @Test
    void aPastedQueryAloneOrAnAddressWithoutStateIsTakenToo() throws Exception {
        assertThat(login.codeFromPastedAddress("code=Xy9&state=" + login.state()).value().reveal()).isEqualTo("Xy9");
        assertThat(login.codeFromPastedAddress("https://example.com/callback?code=Xy9").value().reveal())
                .as("the state is checked when the address has one").isEqualTo("Xy9");
    }

    @Test
    void aPastedAddressWithoutCodeSaysWhichAddressToPaste() {
        BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class,
                () -> login.codeFromPastedAddress(CREDENTIALS.redirectUri() + "?state=" + login.state()));

        assertThat(failure.reason()).isEqualTo(Reason.NO_CODE);
        assertThat(failure.getMessage()).contains("carries no login code", "once you have logged in on Upstox's page");
    }

    @Test
    void aPastedAddressOfAnotherLoginIsRefusedWithoutRepeatingItsCode() {
        BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class,
                () -> login.codeFromPastedAddress(CREDENTIALS.redirectUri() + "?code=SECRETCODE1&state=another"));

        assertThat(failure.reason()).isEqualTo(Reason.WRONG_STATE);
        assertThat(failure.getMessage()).contains("belongs to another login").doesNotContain("SECRETCODE1");
    }

    @Test
    void upstoxsErrorIsQuotedCutShortAndFlattened() {
        BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class, () -> login.codeFromPastedAddress(
                CREDENTIALS.redirectUri() + "?error=access_denied&error_description=The+user+denied%0Athe+request&state="
                        + login.state()));

        assertThat(failure.reason()).isEqualTo(Reason.REFUSED_BY_UPSTOX);
        assertThat(failure.getMessage()).startsWith("Upstox did not log you in: \"access_denied: The user denied the request\"");
    }

    @Test
    void nothingOrSomethingElsePastedSaysWhatToPaste() {
        for (String pasted : new String[] {"", "   ", "hello there", null}) {
            BrowserLoginException failure =
                    catchThrowableOfType(BrowserLoginException.class, () -> login.codeFromPastedAddress(pasted));
            assertThat(failure.reason()).as(String.valueOf(pasted)).isEqualTo(Reason.NO_CODE);
            assertThat(failure.getMessage()).contains("Paste the whole address from the browser's address bar");
        }
    }

    @Test
    void onlyAnHttpLoopbackRedirectUriCanBeListenedOn() {
        assertThat(canListen("http://127.0.0.1:5055/callback")).isTrue();
        assertThat(canListen("http://localhost:5055/callback")).isTrue();
        assertThat(canListen("http://[::1]:5055/callback")).isTrue();
        assertThat(canListen("http://127.0.0.2:5055/")).isTrue();
        assertThat(canListen("https://127.0.0.1:5055/callback")).isFalse();
        assertThat(canListen("http://192.0.2.2:5055/callback")).isFalse();
        assertThat(canListen("http://example.com/callback")).isFalse();
        assertThat(canListen("https://example.com/callback")).isFalse();
    }

    @Test
    void listeningOnARedirectUriElsewhereIsABug() {
        BrowserLogin elsewhere = BrowserLogin.of(UpstoxHosts.upstox(), withRedirect("https://example.com/callback"));

        assertThatThrownBy(() -> elsewhere.listen(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPortInUseEndsTheLoginSayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String redirectUri = "http://127.0.0.1:" + taken.getLocalPort() + "/callback";
            BrowserLogin busy = BrowserLogin.of(UpstoxHosts.upstox(), withRedirect(redirectUri));

            BrowserLoginException failure = catchThrowableOfType(BrowserLoginException.class,
                    () -> busy.listen(Duration.ofSeconds(1)));

            assertThat(failure.reason()).isEqualTo(Reason.CANNOT_LISTEN);
            assertThat(failure.getMessage()).startsWith("Cannot listen on " + redirectUri)
                    .contains("is in use by another program", "register another loopback redirect URI");
        }
    }

    private static boolean canListen(String redirectUri) {
        return BrowserLogin.of(UpstoxHosts.upstox(), withRedirect(redirectUri)).canListen();
    }

    static UpstoxCredentials withRedirect(String redirectUri) {
        Map<CredentialField, String> fields = CREDENTIALS.toFields();
        fields.put(CredentialField.REDIRECT_URI, redirectUri);
        return UpstoxCredentials.parse(fields);
    }
}
