package dev.tokentray.renew;

import static dev.tokentray.renew.RenewalFixture.ist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.sim.FaultRule;
import dev.tokentray.testsupport.SimulatorLoginPage;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.Totp;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser login as the renewal sees it, on virtual time against the simulator over HTTP: the
 * trader's part is the simulator's login page, filled in over HTTP.
 */
class BrowserRenewalTest {
    @TempDir
    Path state;

    private RenewalFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RenewalFixture(state, ist("2026-11-16T09:00"), UnaryOperator.identity()).withCredentials();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** The trader logs in on the page, with the account's own PIN and TOTP, whatever the app stores. */
    private AuthorizationCode codeOf(BrowserLogin login) throws Exception {
        UpstoxCredentials account = fixture.account().credentials();
        String otp = Totp.fromBase32(account.totpSecret()).codeAt(fixture.time.now());
        return login.codeFromPastedAddress(new SimulatorLoginPage()
                .logIn(login.address(), account.mobileNumber(), otp, account.pin().reveal()).toString());
    }

    @Test
    void theTokenOfABrowserLoginIsStoredAndRecordedAsOne() throws Exception {
        TokenFetcher renewer = fixture.renewal.renewer();
        BrowserLogin login = renewer.startBrowserLogin();

        FetchedToken renewal = renewer.completeBrowserLogin(login, codeOf(login), LoginListener.NONE);

        assertThat(fixture.vault.token()).contains(renewal.token());
        assertThat(renewal.token().expiresAt()).isEqualTo(ist("2026-11-17T03:30"));
        assertThat(fixture.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.trigger()).isEqualTo(Trigger.BROWSER);
            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.tokenExpiresAt()).contains(renewal.token().expiresAt());
        });
        assertThat(fixture.simulator.counters().requests(LoginStep.PIN)).as("no PIN of the app's").isZero();
    }

    @Test
    void aBlockedAutomaticLoginLeavesTheBrowserLoginOpenAndTheNextDayItTriesAgainAndSaysSo() throws Exception {
        fixture.simulator.faults().inject(FaultRule.parse("pin=html"));
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.attempts()).singleElement().matches(a -> a.failedWith(FailureKind.BLOCKED));

        BrowserLogin login = fixture.renewal.renewer().startBrowserLogin();
        CompletableFuture<FetchedToken> done = fixture.service.completeBrowserLogin(login, codeOf(login));
        fixture.time.runDue();

        AccessToken token = done.getNow(null).token();
        RenewalSnapshot now = fixture.service.state();
        assertThat(now.token()).contains(token);
        assertThat(now.plan()).isEqualTo(new Plan.WaitForExpiry(ist("2026-11-17T03:30"), ist("2026-11-17T05:30"),
                Optional.of("Logged in with the browser; the automatic login tries again at 05:30 IST (17 Nov).")));
        assertThat(fixture.events).filteredOn(RenewalEvent.Renewed.class::isInstance).singleElement()
                .isInstanceOfSatisfying(RenewalEvent.Renewed.class,
                        renewed -> assertThat(renewed.attempt().trigger()).isEqualTo(Trigger.BROWSER));

        fixture.simulator.faults().clear(); // Upstox let the TOTP login through again
        fixture.time.advanceTo(ist("2026-11-17T09:00"));
        assertThat(fixture.attempts()).hasSize(3).last().satisfies(attempt -> {
            assertThat(attempt.trigger()).isEqualTo(Trigger.AUTOMATIC);
            assertThat(attempt.succeeded()).isTrue();
            assertThat(attempt.time().atZone(TokenExpiry.IST).toLocalTime()).isEqualTo(LocalTime.of(5, 30));
        });
    }

    @Test
    void aBrowserLoginDoesNotMakeRejectedCredentialsRightForTheAutomaticLogin() throws Exception {
        fixture.withCredentials(CredentialField.PIN, "999999");
        fixture.service.start();
        fixture.time.runDue();
        assertThat(fixture.pinAttempts()).isEqualTo(1);

        BrowserLogin login = fixture.renewal.renewer().startBrowserLogin();
        fixture.service.completeBrowserLogin(login, codeOf(login));
        fixture.time.runDue();

        assertThat(fixture.service.state().tokenState().usable()).isTrue();
        assertThat(fixture.service.state().credentialsRejected()).isTrue();
        assertThat(fixture.service.state().plan()).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> assertThat(stopped.why()).contains("stays stopped until the credentials are corrected"));
        fixture.time.advanceTo(ist("2026-11-18T12:00"));
        assertThat(fixture.pinAttempts()).as("the person's PIN on the page, and not one more wrong one").isEqualTo(2);
        assertThat(fixture.attempts()).hasSize(2);
    }

    @Test
    void aFailedExchangeKeepsTheStoredTokenAndIsRecorded() throws Exception {
        AccessToken stored = fixture.renewal.renewer().validToken();
        TokenFetcher renewer = fixture.renewal.renewer();
        BrowserLogin login = renewer.startBrowserLogin();
        AuthorizationCode code = codeOf(login);
        renewer.completeBrowserLogin(login, code, LoginListener.NONE);
        AccessToken fromBrowser = fixture.vault.token().orElseThrow();

        LoginException used = catchThrowableOfType(LoginException.class,
                () -> renewer.completeBrowserLogin(login, code, LoginListener.NONE));

        assertThat(used.getMessage()).contains("invalid or already used").doesNotContain(code.value().reveal());
        assertThat(fromBrowser).isNotEqualTo(stored);
        assertThat(fixture.vault.token()).contains(fromBrowser);
        assertThat(fixture.attempts()).last().satisfies(attempt -> {
            assertThat(attempt.trigger()).isEqualTo(Trigger.BROWSER);
            assertThat(attempt.failedWith(FailureKind.TRANSIENT)).isTrue();
        });
    }
}
