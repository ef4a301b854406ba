package dev.tokentray.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Trigger;
import dev.tokentray.testsupport.VirtualTime;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy on a fake clock, with notifiers that record. */
class NotificationsTest {
    /** 20:00 IST on a Monday; the token dies at 03:30 IST. */
    private static final Instant EVENING = Instant.parse("2026-11-23T14:30:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-11-23T22:00:00Z");
    private static final String TRANSIENT = "The login stopped at OTP_GENERATE: no answer within 10 s. Check the"
            + " internet connection; a later try usually works.";
    private static final String WRONG_PIN = "Upstox rejected the PIN at PIN, 4 attempts left. Correct it in the"
            + " settings; the app will not retry these credentials.";

    private final VirtualTime time = new VirtualTime(EVENING);
    private final RecordingNotifier desktop = new RecordingNotifier();
    private final RecordingNotifier popup = new RecordingNotifier();
    private UiSettings settings = UiSettings.DEFAULT;
    private int accounts = 1;
    private final Notifications notifications = notifications(Runnable::run);
    private final RenewalListener account = notifications.listenerFor(Profile.DEFAULT, () -> "Priya HUF");

    private Notifications notifications(Executor delivery) {
        return new Notifications(List.of(desktop, popup), () -> settings, time.clock(), time, delivery,
                Notifications.EXPIRY_WARNING, () -> accounts);
    }

    /** A notification of the account, which opens the window on it. */
    private static Notification ofTheAccount(NotificationKind kind, String title, String body) {
        return new Notification(kind, title, body, Notification.Action.OPEN, Optional.of(Profile.DEFAULT));
    }

    @Test
    void aFailedRenewalSaysWhatFailedAndWhatToDo() {
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));

        assertThat(desktop.shown).containsExactly(ofTheAccount(NotificationKind.FAILED, "Renewal failed", TRANSIENT));
        assertThat(popup.shown).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"TRANSIENT", "RATE_LIMITED", "BLOCKED", "PROTOCOL_CHANGED"})
    void everyFailureButRejectedCredentialsIsARenewalFailure(FailureKind kind) {
        account.event(failed(kind, "Upstox said no."));

        assertThat(desktop.shown).singleElement().extracting(Notification::kind).isEqualTo(NotificationKind.FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"BLOCKED", "PROTOCOL_CHANGED"})
    void aBlockedOrChangedLoginLeadsToTheBrowserLogin(FailureKind kind) {
        String why = "Upstox's bot protection stopped the login. Meanwhile you can log in with the browser.";
        account.event(failed(kind, why));

        assertThat(desktop.shown).containsExactly(new Notification(NotificationKind.FAILED,
                "Renewal failed: log in with the browser", why, Notification.Action.BROWSER_LOGIN,
                Optional.of(Profile.DEFAULT)));
    }

    @ParameterizedTest
    @EnumSource(value = FailureKind.class, names = {"TRANSIENT", "RATE_LIMITED", "CREDENTIALS"})
    void otherFailuresOpenTheWindow(FailureKind kind) {
        account.event(failed(kind, "Upstox said no."));

        assertThat(desktop.shown).singleElement().extracting(Notification::action).isEqualTo(Notification.Action.OPEN);
    }

    @Test
    void rejectedCredentialsAreTheirOwnKindAndNameTheField() {
        account.event(failed(FailureKind.CREDENTIALS, WRONG_PIN));

        assertThat(desktop.shown).containsExactly(
                ofTheAccount(NotificationKind.CREDENTIALS_REJECTED, "Upstox rejected the login", WRONG_PIN));
    }

    @Test
    void theSameKindIsNotRepeatedWithinFiveMinutes() {
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        time.advance(Duration.ofMinutes(5).minusSeconds(1));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        account.event(failed(FailureKind.CREDENTIALS, WRONG_PIN)); // another kind: shown
        assertThat(desktop.shown).extracting(Notification::kind)
                .containsExactly(NotificationKind.FAILED, NotificationKind.CREDENTIALS_REJECTED);

        time.advance(Duration.ofSeconds(1));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        assertThat(desktop.shown).extracting(Notification::kind).containsExactly(
                NotificationKind.FAILED, NotificationKind.CREDENTIALS_REJECTED, NotificationKind.FAILED);
    }

    @Test
    void aClockSetBackDoesNotSilenceTheNextOne() {
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        time.setBack(Duration.ofHours(2));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));

        assertThat(desktop.shown).hasSize(2);
    }

    @Test
    void kindsSwitchedOffInTheSettingsAreNotShown() {
        EnumSet<NotificationKind> on = EnumSet.allOf(NotificationKind.class);
        on.remove(NotificationKind.RENEWED);
        settings = new UiSettings(Optional.empty(), on, Theme.SYSTEM);

        account.event(new RenewalEvent.Renewed(succeeded(), token()));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));

        assertThat(desktop.shown).extracting(Notification::kind).containsExactly(NotificationKind.FAILED);
    }

    @Test
    void aRenewalSaysUntilWhenTheNewTokenIsValid() {
        account.event(new RenewalEvent.Renewed(succeeded(), token()));

        assertThat(desktop.shown).containsExactly(ofTheAccount(NotificationKind.RENEWED, "Token renewed",
                "The new Upstox token is valid until 03:30 IST tomorrow."));
    }

    @Test
    void noValidTokenAtTheReadyByTimeSaysWhy() {
        Instant readyBy = Instant.parse("2026-11-24T03:15:00Z"); // 08:45 IST
        time.advance(Duration.between(EVENING, readyBy));
        account.event(new RenewalEvent.NotReady(readyBy, "Automatic renewal is off; renew by hand."));

        assertThat(desktop.shown).containsExactly(ofTheAccount(NotificationKind.NOT_READY,
                "No valid token at the ready-by time", "There is no valid Upstox token at 08:45 IST today, the"
                        + " ready-by time. Automatic renewal is off; renew by hand."));
    }

    @Test
    void aClockThatIsOffIsReported() {
        account.event(new RenewalEvent.ClockOff("This computer's clock is 40 s ahead of Upstox's."));

        assertThat(desktop.shown).containsExactly(new Notification(NotificationKind.CLOCK_OFF, "Computer clock is off",
                "This computer's clock is 40 s ahead of Upstox's."));
    }

    @Test
    void aLockedKeychainIsReportedWhenItBecomesLockedNotEachTimeItIsReadAgain() {
        RenewalSnapshot locked = state(Optional.of(token()), waitForExpiry(), Optional.empty(),
                Optional.of("The keychain is locked. Unlock it."));
        account.stateChanged(locked);
        for (int minute = 0; minute < 10; minute++) {
            time.advance(Duration.ofMinutes(1));
            account.stateChanged(locked); // the service re-reads a locked keychain every minute
        }
        assertThat(desktop.shown).containsExactly(
                new Notification(NotificationKind.KEYCHAIN_LOCKED, "Keychain locked", "The keychain is locked. Unlock it."));

        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.empty()));
        account.stateChanged(locked);
        assertThat(desktop.shown).hasSize(2);
    }

    @Test
    void aNewTokenTakesBackTheAlertsThatSaidThereWasNoneOrNoneToComeFromEveryNotifier() {
        account.stateChanged(state(Optional.empty(), waitForExpiry(), Optional.empty(), Optional.empty()));
        account.event(new RenewalEvent.NotReady(EVENING, "The last login failed."));
        assertThat(desktop.withdrawn).isEmpty();

        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.of(succeeded()), Optional.empty()));

        List<NotificationKind> noToken = List.of(NotificationKind.NOT_READY, NotificationKind.EXPIRES_UNRENEWED,
                NotificationKind.FAILED, NotificationKind.TOKEN_REVOKED, NotificationKind.APPROVAL_REQUESTED);
        assertThat(desktop.withdrawn).containsExactlyInAnyOrderElementsOf(noToken);
        assertThat(popup.withdrawn).containsExactlyInAnyOrderElementsOf(noToken);

        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.of(succeeded()), Optional.empty()));
        assertThat(desktop.withdrawn).as("the same token again is no news").hasSize(noToken.size());
        assertThat(desktop.withdrawnOf).as("the account's own alerts, no other's").containsOnly(Optional.of(Profile.DEFAULT));
    }

    @Test
    void aFollowedAccountsUnreadableRedisIsItsOwnAlertNotALockedKeychain() {
        RenewalListener own = notifications.listenerFor(Profile.DEFAULT, () -> "Me");
        RenewalListener vps = notifications.followerFor(new Profile("vps"), () -> "VPS");
        String why = "Redis at redis://bot@vps:6379/0 cannot be reached (connection refused). Trying again in 4 s.";
        vps.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.of(why)));
        vps.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.of(why)));

        assertThat(desktop.shown).extracting(Notification::kind).containsExactly(NotificationKind.REDIS_UNREACHABLE);
        assertThat(desktop.shown.getFirst().account()).contains(new Profile("vps"));
        assertThat(desktop.shown.getFirst().body()).isEqualTo(why);

        own.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.empty()));
        vps.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.empty()));
        assertThat(desktop.withdrawn).containsOnlyOnce(NotificationKind.REDIS_UNREACHABLE)
                .doesNotContain(NotificationKind.KEYCHAIN_LOCKED);
        assertThat(desktop.withdrawnOf.get(desktop.withdrawn.indexOf(NotificationKind.REDIS_UNREACHABLE)))
                .contains(new Profile("vps"));
    }

    @Test
    void theKeychainAlertIsTakenBackOnceTheKeychainOpens() {
        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.of("Locked.")));
        assertThat(desktop.withdrawn).doesNotContain(NotificationKind.KEYCHAIN_LOCKED);

        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.empty()));

        assertThat(desktop.withdrawn).contains(NotificationKind.KEYCHAIN_LOCKED);
        assertThat(desktop.withdrawnOf.get(desktop.withdrawn.indexOf(NotificationKind.KEYCHAIN_LOCKED)))
                .as("the keychain is the app's").isEmpty();
    }

    @Test
    void warnsHalfAnHourBeforeAnExpiryThatNoRenewalFollows() {
        account.stateChanged(state(Optional.of(token()), new Plan.Off(), Optional.empty(), Optional.empty()));

        time.advance(Duration.between(EVENING, EXPIRY.minus(Duration.ofMinutes(30))).minusSeconds(1));
        assertThat(desktop.shown).isEmpty();
        time.advance(Duration.ofSeconds(1));
        assertThat(desktop.shown).containsExactly(ofTheAccount(NotificationKind.EXPIRES_UNRENEWED,
                "Token expires soon and will not be renewed", "The Upstox token expires at 03:30 IST today, in"
                        + " 30 min, and will not be renewed: Automatic renewal is off. Renew by hand, or turn it on in"
                        + " the settings."));

        // Later states of the same token (a login step, a re-read) warn no more, even after the quiet period.
        time.advance(Duration.ofMinutes(10));
        account.stateChanged(state(Optional.of(token()), new Plan.Off(), Optional.empty(), Optional.empty()));
        time.advance(Duration.ofMinutes(10));
        assertThat(desktop.shown).hasSize(1);
    }

    @Test
    void noWarningWhenTheScheduleRenewsAfterTheExpiry() {
        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.of(succeeded()), Optional.empty()));
        time.advance(Duration.between(EVENING, EXPIRY));

        assertThat(desktop.shown).isEmpty();
    }

    @Test
    void warnsAtOnceWhenTheRenewalStopsWithinTheLastHalfHour() {
        time.advance(Duration.between(EVENING, EXPIRY.minus(Duration.ofMinutes(12))));
        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.of(succeeded()), Optional.empty()));
        assertThat(desktop.shown).isEmpty();

        account.stateChanged(state(Optional.of(token()), new Plan.Stopped("No Upstox credentials are stored."),
                Optional.empty(), Optional.empty()));
        time.advance(Duration.ZERO);

        assertThat(desktop.shown).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.EXPIRES_UNRENEWED);
            assertThat(n.body()).contains("in 12 min").endsWith("No Upstox credentials are stored.");
        });
    }

    @Test
    void rejectedCredentialsBeforeTheExpiryMeanNoRenewalAfterIt() {
        Attempt rejected = attempt(Optional.of(failure(FailureKind.CREDENTIALS, WRONG_PIN)));
        // The policy stops the schedule as soon as the credentials are rejected, token or not.
        Plan stopped = new Plan.Stopped("The last login failed: " + WRONG_PIN);
        account.stateChanged(state(Optional.of(token()), stopped, Optional.of(rejected), Optional.empty()));
        time.advance(Duration.between(EVENING, EXPIRY));

        assertThat(desktop.shown).singleElement().extracting(Notification::body).asString().endsWith(WRONG_PIN);
    }

    @Test
    void aRejectionAnotherProcessMetIsToldOnceAndOneThisAppMetOnlyByItsFailure() {
        Plan rejected = new Plan.Stopped("A login at 19:26 IST (21 Nov) failed: " + WRONG_PIN, Optional.of("r1"));
        account.stateChanged(state(Optional.empty(), rejected, Optional.empty(), Optional.empty()));
        account.stateChanged(state(Optional.empty(), rejected, Optional.empty(), Optional.empty()));
        time.advance(Duration.ZERO);
        assertThat(desktop.shown).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.CREDENTIALS_REJECTED);
            assertThat(n.body()).startsWith("A login at 19:26 IST (21 Nov) failed");
        });

        time.advance(Notifications.QUIET_PERIOD);
        Attempt again = attempt(Optional.of(failure(FailureKind.CREDENTIALS, WRONG_PIN)));
        account.event(new RenewalEvent.Failed(again));
        account.stateChanged(state(Optional.empty(), new Plan.Stopped("Rejected again.", Optional.of("r2")),
                Optional.of(again), Optional.empty()));
        time.advance(Duration.ZERO);
        assertThat(desktop.shown).as("the failure, not the state after it as well").hasSize(2);
    }

    @Test
    void aChangeOfPlanCallsOffThePendingWarning() {
        account.stateChanged(state(Optional.of(token()), new Plan.Off(), Optional.empty(), Optional.empty()));
        time.advance(Duration.ofHours(1));
        account.stateChanged(state(Optional.of(token()), waitForExpiry(), Optional.empty(), Optional.empty()));
        time.advance(Duration.between(EVENING, EXPIRY));

        assertThat(desktop.shown).isEmpty();
    }

    @Test
    void goesToTheFirstNotifierThatIsAvailableAndShowsIt() {
        desktop.available = false;
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        assertThat(popup.shown).hasSize(1);

        desktop.available = true;
        desktop.works = false; // e.g. the notification server did not answer in time
        account.event(failed(FailureKind.CREDENTIALS, WRONG_PIN));
        assertThat(popup.shown).hasSize(2);

        popup.available = false;
        account.event(new RenewalEvent.ClockOff("off")); // nowhere to show it: no error either
        assertThat(desktop.shown).isEmpty();
    }

    @Test
    void showsOnTheDeliveryExecutorNotOnTheCallersThread() {
        List<Runnable> queued = new ArrayList<>();
        Notifications queuing = notifications(queued::add);

        queuing.listenerFor(Profile.DEFAULT, () -> "Priya HUF").event(failed(FailureKind.TRANSIENT, TRANSIENT));
        assertThat(desktop.shown).isEmpty();
        queued.forEach(Runnable::run);
        assertThat(desktop.shown).hasSize(1);
    }

    @Test
    void withSeveralAccountsEachNotificationNamesItsAccount() {
        accounts = 3;
        RenewalListener mother = notifications.listenerFor(new Profile("mother"), () -> "Asha (mother)");

        mother.event(failed(FailureKind.CREDENTIALS, WRONG_PIN));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));

        assertThat(desktop.shown).containsExactly(
                new Notification(NotificationKind.CREDENTIALS_REJECTED, "Asha (mother) – Upstox rejected the login",
                        WRONG_PIN, Notification.Action.OPEN, Optional.of(new Profile("mother"))),
                ofTheAccount(NotificationKind.FAILED, "Priya HUF – Renewal failed", TRANSIENT));
    }

    @Test
    void oneAccountsFailureDoesNotSilenceAnothersOfTheSameKind() {
        accounts = 2;
        RenewalListener other = notifications.listenerFor(new Profile("huf"), () -> "Ravi HUF");

        account.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        other.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        account.event(failed(FailureKind.TRANSIENT, TRANSIENT)); // the same account again: quiet

        assertThat(desktop.shown).extracting(Notification::title)
                .containsExactly("Priya HUF – Renewal failed", "Ravi HUF – Renewal failed");
    }

    @Test
    void severalTokensRenewedWithinAMinuteMakeOneNotificationAndAFailureMeanwhileIsItsOwn() {
        accounts = 3;
        RenewalListener huf = notifications.listenerFor(new Profile("huf"), () -> "Ravi HUF");
        RenewalListener mother = notifications.listenerFor(new Profile("mother"), () -> "Asha (mother)");

        account.event(new RenewalEvent.Renewed(succeeded(), token()));
        time.advance(Duration.ofSeconds(4)); // the next account's turn, a few seconds later
        huf.event(new RenewalEvent.Renewed(succeeded(), token()));
        mother.event(failed(FailureKind.TRANSIENT, TRANSIENT));
        assertThat(desktop.shown).extracting(Notification::title).containsExactly("Asha (mother) – Renewal failed");
        time.advance(Duration.ofSeconds(4));
        mother.event(new RenewalEvent.Renewed(succeeded(), token()));
        time.advance(Notifications.RENEWALS_SETTLE.minusSeconds(1));
        assertThat(desktop.shown).as("gathering while renewals come").hasSize(1);

        time.advance(Duration.ofSeconds(1));
        assertThat(desktop.shown).hasSize(2);
        assertThat(desktop.shown.get(1)).isEqualTo(new Notification(NotificationKind.RENEWED, "3 tokens renewed",
                "Priya HUF: valid until 03:30 IST tomorrow\nRavi HUF: valid until 03:30 IST tomorrow\n"
                        + "Asha (mother): valid until 03:30 IST tomorrow", Notification.Action.OPEN, Optional.empty()));
    }

    @Test
    void aLoneRenewalAmongSeveralAccountsNamesItsAccountAndRenewalsAreGatheredAMinuteAtMost() {
        accounts = 2;
        RenewalListener huf = notifications.listenerFor(new Profile("huf"), () -> "Ravi HUF");

        account.event(new RenewalEvent.Renewed(succeeded(), token()));
        time.advance(Notifications.RENEWALS_SETTLE);
        assertThat(desktop.shown).containsExactly(ofTheAccount(NotificationKind.RENEWED, "Priya HUF – Token renewed",
                "The new Upstox token is valid until 03:30 IST tomorrow."));

        // Renewals that keep coming every few seconds are told a minute after the first, not later.
        desktop.shown.clear();
        time.advance(Notifications.QUIET_PERIOD);
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? huf : account).event(new RenewalEvent.Renewed(succeeded(), token()));
            time.advance(Duration.ofSeconds(7));
        }
        assertThat(desktop.shown).extracting(Notification::title).containsExactly("2 tokens renewed");
    }

    @Test
    void linuxUsesTheDesktopsServerWindowsAndMacOsTheTrayIcon() {
        Notifier freedesktop = new RecordingNotifier();
        Notifier balloon = new RecordingNotifier();
        Notifier inApp = new RecordingNotifier();

        assertThat(Notifications.notifiersFor("Linux", () -> freedesktop, () -> balloon, inApp))
                .containsExactly(freedesktop, inApp);
        assertThat(Notifications.notifiersFor("Windows 11", () -> freedesktop, () -> balloon, inApp))
                .containsExactly(balloon, inApp);
        assertThat(Notifications.notifiersFor("Mac OS X", () -> freedesktop, () -> balloon, inApp))
                .containsExactly(balloon, inApp);
    }

    private static RenewalEvent.Failed failed(FailureKind kind, String message) {
        return new RenewalEvent.Failed(attempt(Optional.of(failure(kind, message))));
    }

    private static LoginFailure failure(FailureKind kind, String message) {
        Optional<CredentialField> field = kind == FailureKind.CREDENTIALS ? Optional.of(CredentialField.PIN) : Optional.empty();
        return new LoginFailure(kind, LoginStep.PIN, message, field, Optional.empty());
    }

    private static Attempt succeeded() {
        return attempt(Optional.empty());
    }

    private static Attempt attempt(Optional<LoginFailure> failure) {
        return new Attempt(EVENING, "default", Trigger.AUTOMATIC, Duration.ofSeconds(3), List.of(), failure,
                failure.isPresent() ? Optional.empty() : Optional.of(EXPIRY), Optional.empty(), Optional.empty());
    }

    private static AccessToken token() {
        return new AccessToken(Secret.of("not-a-real-token"), EVENING.minus(Duration.ofHours(1)), EXPIRY, "AB1234", "Trader");
    }

    private static Plan waitForExpiry() {
        return new Plan.WaitForExpiry(EXPIRY, Instant.parse("2026-11-24T00:00:00Z"));
    }

    private RenewalSnapshot state(Optional<AccessToken> token, Plan plan, Optional<Attempt> last, Optional<String> keychain) {
        return new RenewalSnapshot(Profile.DEFAULT, token, plan, last, last.filter(Attempt::succeeded), true, Optional.empty(),
                keychain, Optional.empty(), time.now());
    }
}
