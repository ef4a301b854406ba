package dev.tokentray.ui.status;

import static dev.tokentray.ui.status.States.ist;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.PendingApproval;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.TokenState;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The texts of the window and the tray for each state, on a fixed clock. */
class StatusViewTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final HistoryStats NO_HISTORY = HistoryStats.of(List.of());

    private static StatusView view(RenewalSnapshot state, Instant now) {
        return StatusView.of(state, NO_HISTORY, now, BERLIN, TokenState.EXPIRING_WITHIN);
    }

    private static final Plan NEXT_MORNING = new Plan.WaitForExpiry(ist("2026-11-22T03:30"), ist("2026-11-22T05:30"));

    @Test
    void aValidTokenShowsItsCountdownExpiryInBothZonesAndTheMaskedToken() {
        Instant now = ist("2026-11-21T10:17:55");
        RenewalSnapshot state = States.at(now, true, NEXT_MORNING, Optional.of(States.success(ist("2026-11-21T09:00"))));

        StatusView view = view(state, now);

        assertThat(view.look()).isEqualTo(Look.VALID);
        assertThat(view.headline()).isEqualTo("Token valid");
        assertThat(view.tooltip()).isEqualTo("Upstox token valid until 03:30 IST, 17 h 12 min left");
        assertThat(view.countdown()).isEqualTo("17:12:05");
        assertThat(view.expiry()).isEqualTo("Valid until 03:30 IST tomorrow");
        assertThat(view.expiryLocal()).contains("23:00 CET today in this computer's time zone");
        assertThat(view.user()).isEqualTo("Simulated Trader (SIM001)");
        assertThat(view.maskedToken()).contains("eyJhbG…b2tlbg");
        assertThat(view.lastRenewal()).isEqualTo("Last renewal 09:00 IST today, 312 ms");
        assertThat(view.nextRenewal()).isEqualTo("Next renewal 05:30 IST tomorrow");
        assertThat(view.problem()).isEmpty();
        assertThat(view.progress()).isEmpty();
    }

    @Test
    void inIstTheLocalExpiryIsNotRepeated() {
        Instant now = ist("2026-11-21T10:00");
        RenewalSnapshot state = States.at(now, true, NEXT_MORNING, Optional.empty());
        assertThat(StatusView.of(state, NO_HISTORY, now, ZoneId.of("Asia/Kolkata"), TokenState.EXPIRING_WITHIN)
                .expiryLocal()).isEmpty();
    }

    @Test
    void underAnHourLeftIsExpiringAndTheCountdownReachesZero() {
        RenewalSnapshot state = States.at(ist("2026-11-22T02:45"), true, NEXT_MORNING, Optional.empty());
        StatusView view = view(state, ist("2026-11-22T02:45"));
        assertThat(view.look()).isEqualTo(Look.EXPIRING);
        assertThat(view.tooltip()).isEqualTo("Upstox token expires at 03:30 IST, 45 min left");

        StatusView dead = view(state, ist("2026-11-22T03:30"));
        assertThat(dead.countdown()).isEqualTo("--:--:--");
        assertThat(dead.expiry()).isEqualTo("Expired at 03:30 IST today");
    }

    @Test
    void aStateShownForHoursTurnsExpiringAndExpiredByTheClockNotByWhenItWasRead() {
        // Read at 10:00 with the token valid; nothing new is published until the token dies.
        RenewalSnapshot state = States.at(ist("2026-11-21T10:00"), true, new Plan.Off(), Optional.empty());

        StatusView expiring = view(state, ist("2026-11-22T03:00"));
        assertThat(expiring.look()).isEqualTo(Look.EXPIRING);
        assertThat(expiring.tooltip()).isEqualTo("Upstox token expires at 03:30 IST, 30 min left");

        StatusView expired = view(state, ist("2026-11-22T03:31"));
        assertThat(expired.look()).isEqualTo(Look.EXPIRED);
        assertThat(expired.headline()).isEqualTo("No valid token");
        assertThat(expired.tooltip()).isEqualTo("Upstox token expired at 03:30 IST; automatic renewal is off");
    }

    @Test
    void demoTokensAreExpiringOnlyInTheirLastMinute() {
        Instant now = ist("2026-11-22T02:45");
        RenewalSnapshot state = States.at(now, true, NEXT_MORNING, Optional.empty());
        assertThat(StatusView.of(state, NO_HISTORY, now, BERLIN, Duration.ofMinutes(1)).look()).isEqualTo(Look.VALID);
    }

    @Test
    void withoutATokenItSaysWhenTheNextRenewalIs() {
        Instant now = ist("2026-11-22T04:00");
        RenewalSnapshot state = States.at(now, false, new Plan.RenewAt(ist("2026-11-22T05:30")), Optional.empty());
        StatusView view = view(state, now);
        assertThat(view.look()).isEqualTo(Look.EXPIRED);
        assertThat(view.tooltip()).isEqualTo("No Upstox token yet; next renewal 05:30 IST today");
        assertThat(view.maskedToken()).isEmpty();
        assertThat(view.expiry()).isEqualTo("No token yet");
    }

    @Test
    void aLoginShowsItsStep() {
        Instant now = ist("2026-11-22T05:30");
        RenewalSnapshot renewing = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.RenewAt(now), Optional.empty(),
                Optional.empty(), true, Optional.of(LoginStep.OTP_VERIFY), Optional.empty(), Optional.empty(), now);
        StatusView view = view(renewing, now);
        assertThat(view.look()).isEqualTo(Look.RENEWING);
        assertThat(view.progress()).hasValueSatisfying(p -> {
            assertThat(p.text()).isEqualTo("Step 3 of 6: verify the TOTP code");
            assertThat(p.fraction()).isEqualTo(0.5);
        });
        assertThat(view.tooltip()).isEqualTo("Renewing the Upstox token: Step 3 of 6: verify the TOTP code");
    }

    @Test
    void rejectedCredentialsNeedTheTraderAndSayWhy() {
        Instant now = ist("2026-11-22T09:00");
        String why = "The last login, at 08:59 IST (22 Nov), failed: Upstox rejected the PIN.";
        RenewalSnapshot stopped = States.at(now, false, new Plan.Stopped(why),
                Optional.of(States.failure(ist("2026-11-22T08:59"), FailureKind.CREDENTIALS, "Upstox rejected the PIN.")));
        StatusView view = view(stopped, now);
        assertThat(view.look()).isEqualTo(Look.ATTENTION);
        assertThat(view.headline()).isEqualTo("Needs your attention");
        assertThat(view.tooltip()).isEqualTo("Your attention is needed; open the window to see why");
        assertThat(view.problem()).contains(why);
        assertThat(view.nextRenewal()).isEqualTo("Automatic renewal stopped");
    }

    @Test
    void aValidTokenWithRenewalStoppedNeedsTheTraderAndSaysBoth() {
        Instant now = ist("2026-11-21T22:00");
        String why = "A login at 21:59 IST (21 Nov) failed: Upstox rejected the PIN.";
        RenewalSnapshot rejected = States.at(now, true, new Plan.Stopped(why, Optional.of("a1b2c3")),
                Optional.of(States.failure(ist("2026-11-21T21:59"), FailureKind.CREDENTIALS, "Upstox rejected the PIN.")));

        StatusView view = view(rejected, now);

        assertThat(view.look()).isEqualTo(Look.ATTENTION);
        assertThat(view.headline()).isEqualTo("Token valid, but automatic renewal stopped");
        assertThat(view.tooltip()).isEqualTo("Upstox token valid until 03:30 IST, but automatic renewal stopped: open the"
                + " window");
        assertThat(view.countdown()).isEqualTo("05:30:00");
        assertThat(view.problem()).contains(why);

        RenewalSnapshot unwritable = States.at(now, true, new Plan.Stopped("The login history cannot be written."),
                Optional.empty());
        assertThat(view(unwritable, now).headline()).isEqualTo(Look.VALID_BUT_STOPPED);
        RenewalSnapshot locked = new RenewalSnapshot(Profile.DEFAULT, rejected.token(), NEXT_MORNING, Optional.empty(),
                Optional.empty(), true, Optional.empty(), Optional.of("The keychain is locked: unlock it."),
                Optional.empty(), now);
        assertThat(view(locked, now).headline()).isEqualTo(Look.VALID_BUT_STOPPED);
        assertThat(view(States.at(now, true, NEXT_MORNING, Optional.empty()), now).look()).isEqualTo(Look.VALID);
    }

    @Test
    void aBlockedLoginNeedsTheTraderButANetworkFaultDoesNot() {
        Instant now = ist("2026-11-22T09:00");
        Plan later = new Plan.RenewAt(ist("2026-11-23T05:30"));
        RenewalSnapshot blocked = States.at(now, false, later,
                Optional.of(States.failure(now, FailureKind.BLOCKED, "Upstox's bot protection stopped the login.")));
        assertThat(view(blocked, now).look()).isEqualTo(Look.ATTENTION);
        assertThat(view(blocked, now).problem()).contains("The last login failed: Upstox's bot protection stopped the login.");

        RenewalSnapshot offline = States.at(now, false, new Plan.RenewAt(now.plusSeconds(30)),
                Optional.of(States.failure(now, FailureKind.TRANSIENT, "No connection.")));
        assertThat(view(offline, now).look()).isEqualTo(Look.EXPIRED);
    }

    @Test
    void theBrowserLoginIsUrgedWhenABlockedOrChangedLoginLeftNoTokenAndOfferedOtherwise() {
        Instant now = ist("2026-11-22T09:00");
        Plan tomorrow = new Plan.RenewAt(ist("2026-11-23T05:30"));
        for (FailureKind kind : List.of(FailureKind.BLOCKED, FailureKind.PROTOCOL_CHANGED)) {
            RenewalSnapshot blocked = States.at(now, false, tomorrow, Optional.of(States.failure(now, kind, "Blocked.")));
            assertThat(view(blocked, now).browserLogin()).as(kind.name()).isEqualTo(StatusView.BrowserOffer.URGED);
            RenewalSnapshot blockedWithToken = States.at(now, true, tomorrow, Optional.of(States.failure(now, kind, "x")));
            assertThat(view(blockedWithToken, now).browserLogin()).as("a valid token: no hurry")
                    .isEqualTo(StatusView.BrowserOffer.OFFERED);
        }
        RenewalSnapshot offline = States.at(now, false, new Plan.RenewAt(now.plusSeconds(30)),
                Optional.of(States.failure(now, FailureKind.TRANSIENT, "No connection.")));
        assertThat(view(offline, now).browserLogin()).isEqualTo(StatusView.BrowserOffer.OFFERED);
        RenewalSnapshot rejected = States.at(now, false, new Plan.Stopped("Rejected."),
                Optional.of(States.failure(now, FailureKind.CREDENTIALS, "Upstox rejected the PIN.")));
        assertThat(view(rejected, now).browserLogin()).as("the fix is the credentials")
                .isEqualTo(StatusView.BrowserOffer.OFFERED);
    }

    @Test
    void afterABrowserLoginTheNextRenewalSaysWhenTheAutomaticLoginTriesAgain() {
        Instant now = ist("2026-11-22T10:00");
        String note = "Logged in with the browser; the automatic login tries again at 05:30 IST (23 Nov).";
        Plan waiting = new Plan.WaitForExpiry(ist("2026-11-23T03:30"), ist("2026-11-23T05:30"), Optional.of(note));
        assertThat(view(States.at(now, true, waiting, Optional.empty()), now).nextRenewal()).isEqualTo(note);
    }

    @Test
    void withoutCredentialsOrKeychainThereIsNoBrowserLogin() {
        Instant now = ist("2026-11-22T09:00");
        RenewalSnapshot firstStart = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), now);
        assertThat(view(firstStart, now).browserLogin()).isEqualTo(StatusView.BrowserOffer.NONE);
        RenewalSnapshot locked = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), Optional.of("The keychain is locked."), Optional.empty(), now);
        assertThat(view(locked, now).browserLogin()).isEqualTo(StatusView.BrowserOffer.NONE);
    }

    @Test
    void aLockedKeychainNeedsTheTrader() {
        Instant now = ist("2026-11-22T09:00");
        RenewalSnapshot locked = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(), new Plan.Off(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), Optional.of("The keychain is locked: unlock it."),
                Optional.empty(), now);
        assertThat(view(locked, now).look()).isEqualTo(Look.ATTENTION);
        assertThat(view(locked, now).problem()).contains("The keychain is locked: unlock it.");
    }

    @Test
    void theHistoryLineCountsAndTimesTheLogins() {
        HistoryStats stats = HistoryStats.of(List.of(States.success(ist("2026-11-20T09:00")),
                States.failure(ist("2026-11-21T09:00"), FailureKind.TRANSIENT, "x")));
        Instant now = ist("2026-11-22T09:00");
        assertThat(StatusView.of(States.at(now, true, NEXT_MORNING, Optional.empty()), stats, now, BERLIN,
                TokenState.EXPIRING_WITHIN).history()).isEqualTo("2 logins in 90 days, 50 % succeeded, median 312 ms");
    }

    @Test
    void anApprovalRequestedByHandShowsTheWaitUntilItsExpiryAndThenThatItWentUnanswered() {
        Instant requested = ist("2026-11-21T10:00");
        PendingApproval request = new PendingApproval("default", "client", Optional.of("SIM001"), requested,
                ist("2026-11-21T10:10"), Duration.ofMillis(80));
        RenewalSnapshot stopped = States.at(requested, false, new Plan.Stopped("Upstox rejected the PIN.", Optional.of("r1")),
                Optional.empty());
        RenewalSnapshot waiting = new RenewalSnapshot(stopped.profile(), stopped.token(), stopped.plan(), stopped.lastAttempt(),
                stopped.lastRenewal(), true, Optional.empty(), Optional.empty(), Optional.empty(), requested,
                Optional.of(request));

        assertThat(view(stopped, requested).approval()).isEmpty();
        assertThat(view(waiting, ist("2026-11-21T10:05")).approval())
                .contains("Approve the request in the Upstox app or on WhatsApp; waiting until 10:10 IST");
        assertThat(view(waiting, ist("2026-11-21T10:10")).approval().orElseThrow())
                .startsWith("The approval request expired at 10:10 IST today without a token")
                .contains("run --headless --notifier-listen").endsWith("Request approval… sends a new one.");
    }

    @Test
    void theApprovalMethodsOwnRequestIsToldAsTheNextRenewalOnly() {
        Instant now = ist("2026-11-21T10:05");
        PendingApproval request = new PendingApproval("default", "client", Optional.empty(), ist("2026-11-21T10:00"),
                ist("2026-11-21T10:10"), Duration.ofMillis(80));
        RenewalSnapshot state = new RenewalSnapshot(Profile.DEFAULT, Optional.empty(),
                new Plan.AwaitApproval(request.requestedAt(), request.expiresAt(), ist("2026-11-22T08:30")),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), now,
                Optional.of(request));

        assertThat(view(state, now).approval()).isEmpty();
        assertThat(view(state, now).nextRenewal()).startsWith("Approve the request in the Upstox app or on WhatsApp");
    }
}
