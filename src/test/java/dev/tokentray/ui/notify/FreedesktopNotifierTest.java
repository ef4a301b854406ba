package dev.tokentray.ui.notify;

import static dev.tokentray.testsupport.NotificationWatch.dunstctl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Trigger;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.testsupport.Commands;
import dev.tokentray.testsupport.NotificationWatch;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.VirtualTime;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.ui.settings.UiSettings;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real notification daemon of the test desktop (dunst on the session bus), watched
 * from outside: {@code dbus-monitor} sees each Notify call on the bus, {@code dunstctl} what dunst
 * shows and does.
 */
class FreedesktopNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
    private static final String FAILURE = "The login stopped at OTP_GENERATE: no answer within 10 s. Check the"
            + " internet connection; a later try usually works.";

    @TempDir
    Path state;

    private NotificationWatch watch;
    private final BlockingQueue<Notification> chosen = new LinkedBlockingQueue<>();

    @BeforeEach
    void watchTheBus() throws Exception {
        RealEnvironment.requireNotificationDaemon();
        watch = NotificationWatch.start(state);
    }

    @AfterEach
    void stopWatching() throws Exception {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void aFailedRenewalSendsOneNotificationWithItsTextAndTheSameWithinFiveMinutesNone() throws Exception {
        VirtualTime time = new VirtualTime(NOW);
        try (FreedesktopNotifier notifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(state), chosen::add)) {
            Notifications notifications = new Notifications(List.of(notifier), () -> UiSettings.DEFAULT, time.clock(), time,
                    Runnable::run, Notifications.EXPIRY_WARNING, () -> 1);
            RenewalListener account = notifications.listenerFor(Profile.DEFAULT, () -> "Me");

            account.event(failed());

            Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
            assertThat(watch.notifyCalls().getFirst()).containsExactly(
                    "string \"Upstox Token Tray\"",
                    "uint32 0",
                    "string \"" + state.resolve("notification-icon.png").toUri() + "\"",
                    "string \"Renewal failed\"",
                    "string \"" + FAILURE + "\"",
                    "array [",
                    "string \"default\"",
                    "string \"Open\"",
                    "]",
                    "array [",
                    "dict entry(",
                    "string \"urgency\"",
                    "variant             byte 1",
                    ")",
                    "]",
                    "int32 -1");
            Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Commands.run(WAIT, "import", "-window", "root", screenshots.resolve("notification-dunst.png").toString());

            time.advance(Duration.ofMinutes(1));
            account.event(failed());
            assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> watch.notifyCalls().size() == 1))
                    .as("no second notification within five minutes").isTrue();
            assertThat(dunstctl("count", "displayed")).isEqualTo("1");

            // Clicking it (dunst's default action) calls the app back, to open its window.
            dunstctl("action", "0");
            assertThat(chosen.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the click reached the app")
                    .extracting(Notification::action).isEqualTo(Notification.Action.OPEN);
        }
    }

    @Test
    void aBlockedLoginsNotificationLeadsToTheBrowserLoginByItsClickAndItsButton() throws Exception {
        try (FreedesktopNotifier notifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(state), chosen::add)) {
            Notifications notifications = new Notifications(List.of(notifier), () -> UiSettings.DEFAULT,
                    new VirtualTime(NOW).clock(), new VirtualTime(NOW), Runnable::run, Notifications.EXPIRY_WARNING, () -> 2);
            String blocked = "Upstox's bot protection stopped the login at step 2 of 6. Try again later. Meanwhile you"
                    + " can log in with the browser.";

            notifications.listenerFor(new Profile("huf"), () -> "Ravi HUF").event(failed(FailureKind.BLOCKED, blocked));

            Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
            List<String> call = watch.notifyCalls().getFirst();
            assertThat(call.get(3)).as("the account named: the app has two")
                    .isEqualTo("string \"Ravi HUF – Renewal failed: log in with the browser\"");
            assertThat(call.get(4)).isEqualTo("string \"" + blocked + "\"");
            assertThat(call.subList(5, 11)).containsExactly("array [", "string \"default\"",
                    "string \"Log in with browser\"", "string \"browser-login\"", "string \"Log in with browser\"",
                    "]");
            Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));

            dunstctl("action", "0"); // the click
            Notification clicked = chosen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(clicked.action()).isEqualTo(Notification.Action.BROWSER_LOGIN);
            assertThat(clicked.account()).as("the browser login of that account").contains(new Profile("huf"));
        }
    }

    @Test
    void dunstShowsTheTextsAsSentWithTheAppIconAndAnUrgentKindIsCritical() throws Exception {
        try (FreedesktopNotifier notifier = new FreedesktopNotifier(FreedesktopNotifier.iconIn(state), action -> {})) {
            assertThat(notifier.available()).isTrue();
            String upstoxWords = "Upstox says at PIN: \"<b>Invalid</b> PIN & 4 attempts left\".";
            assertThat(notifier.show(new Notification(NotificationKind.CREDENTIALS_REJECTED, "Upstox rejected the login",
                    upstoxWords))).isTrue();

            Poll.until("the Notify call on the bus", WAIT, () -> watch.notifyCalls().size() == 1);
            assertThat(watch.notifyCalls().getFirst()).contains("variant             byte 2");
            notifier.withdraw(NotificationKind.CREDENTIALS_REJECTED, Optional.empty()); // into the history, which dunstctl prints
            Poll.until("dunst to close it", WAIT, () -> watch.closedSignals().size() == 1);
            JsonNode shown = new ObjectMapper().readTree(dunstctl("history")).path("data").path(0).path(0);
            assertThat(shown.path("appname").path("data").asText()).isEqualTo("Upstox Token Tray");
            assertThat(shown.path("summary").path("data").asText()).isEqualTo("Upstox rejected the login");
            assertThat(shown.path("body").path("data").asText()).isEqualTo(upstoxWords);
            assertThat(Path.of(shown.path("icon_path").path("data").asText()))
                    .as("dunst found the icon file").hasSameBinaryContentAs(state.resolve("notification-icon.png"));
        }
    }

    /** The ready-by alert no longer holds once a token is there: the daemon takes it off the screen. */
    @Test
    void theReadyByAlertIsClosedWhenATokenArrivesAndNotBefore() throws Exception {
        VirtualTime time = new VirtualTime(NOW);
        try (FreedesktopNotifier notifier = new FreedesktopNotifier("", action -> {})) {
            Notifications notifications = new Notifications(List.of(notifier), () -> UiSettings.DEFAULT, time.clock(),
                    time, Runnable::run, Notifications.EXPIRY_WARNING, () -> 1);
            RenewalListener account = notifications.listenerFor(Profile.DEFAULT, () -> "Me");
            account.stateChanged(state(time, Optional.empty()));
            account.event(new RenewalEvent.NotReady(NOW, "The last login failed."));
            Poll.until("dunst to show it", WAIT, () -> dunstctl("count", "displayed").equals("1"));

            account.stateChanged(state(time, Optional.empty())); // still no token: it holds
            assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> watch.closeCalls().isEmpty())).isTrue();

            account.stateChanged(state(time, Optional.of(token())));

            Poll.until("dunst to close it", WAIT, () -> watch.closedSignals().size() == 1);
            assertThat(watch.closeCalls()).hasSize(1);
            assertThat(watch.closedSignals().getFirst()).as("closed by the app's call").containsExactly(
                    watch.closeCalls().getFirst(), "uint32 3");
            assertThat(dunstctl("count", "displayed")).isEqualTo("0");
        }
    }

    /** Once the app is gone, its notifications' buttons lead nowhere: quitting takes them all back. */
    @Test
    void closingTheNotifierWhenTheAppQuitsTakesItsNotificationsOffTheScreen() throws Exception {
        FreedesktopNotifier notifier = new FreedesktopNotifier("", action -> {});
        notifier.show(new Notification(NotificationKind.NOT_READY, "No valid token at the ready-by time", "Renew now."));
        notifier.show(new Notification(NotificationKind.RENEWED, "Token renewed", "Valid until 03:30 IST."));
        Poll.until("dunst to show both", WAIT, () -> dunstctl("count", "displayed").equals("2"));

        notifier.close();

        Poll.until("dunst to close both", WAIT, () -> watch.closedSignals().size() == 2);
        assertThat(watch.closedSignals()).allSatisfy(signal -> assertThat(signal.get(1)).isEqualTo("uint32 3"));
        assertThat(dunstctl("count", "displayed")).isEqualTo("0");
        notifier.close(); // again: nothing more to do
    }

    @Test
    void aHungServerHoldsUpTheCallerAFewSecondsAtMostAndTheNextCallWorksAgain() throws Exception {
        String daemon = daemonPid();
        try (FreedesktopNotifier notifier = new FreedesktopNotifier("", action -> {})) {
            assertThat(notifier.available()).isTrue();
            Commands.run(WAIT, "kill", "-STOP", daemon);
            try {
                long started = System.nanoTime();
                assertThat(notifier.show(new Notification(NotificationKind.FAILED, "Renewal failed", FAILURE))).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(FreedesktopNotifier.CALL_TIMEOUT.plusSeconds(1));
            } finally {
                Commands.run(WAIT, "kill", "-CONT", daemon);
            }
            Poll.until("the notifier to reach the server again", WAIT, notifier::available);
        }
    }

    @Test
    void markupIsEscapedForServersThatReadIt() {
        assertThat(FreedesktopNotifier.escapeMarkup("<b>PIN</b> & more")).isEqualTo("&lt;b&gt;PIN&lt;/b&gt; &amp; more");
    }

    private static RenewalSnapshot state(VirtualTime time, Optional<AccessToken> token) {
        return new RenewalSnapshot(Profile.DEFAULT, token, new Plan.Off(), Optional.empty(), Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), time.now());
    }

    private static AccessToken token() {
        return new AccessToken(Secret.of("not-a-real-token"), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(20)),
                "AB1234", "Trader");
    }

    private static RenewalEvent.Failed failed() {
        return failed(FailureKind.TRANSIENT, FAILURE);
    }

    private static RenewalEvent.Failed failed(FailureKind kind, String message) {
        LoginFailure failure = new LoginFailure(kind, LoginStep.OTP_GENERATE, message, Optional.empty(),
                Optional.empty());
        return new RenewalEvent.Failed(new Attempt(NOW, "default", Trigger.AUTOMATIC,
                Duration.ofSeconds(10), List.of(), Optional.of(failure), Optional.empty(), Optional.empty(), Optional.empty()));
    }


    private static String daemonPid() throws Exception {
        String reply = Commands.run(WAIT, "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                "string:org.freedesktop.Notifications").stdout();
        return reply.substring(reply.indexOf("uint32") + "uint32".length()).strip();
    }

}
