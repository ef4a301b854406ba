package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.follow.FollowSetup;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.output.RedisRenewerStandIn;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.Trigger;
import dev.tokentray.sim.SimulatorCounters;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.RedisChannel;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.ui.status.Look;
import dev.tokentray.vault.KeyringSecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The real tray app following an account another machine renews into the test Redis: no
 * credentials, no login; the countdown, Copy, a new token within seconds, and Renew now as a
 * message on {@code renew_request} that a real subscriber gets.
 */
class FollowFxTest extends RealAppFxTest {
    private final String prefix = "fx-" + UUID.randomUUID().toString().substring(0, 8);
    private final KeyringSecretStore keychain = new KeyringSecretStore(AppUnderTest.KEYCHAIN_SERVICE);
    private RedisRenewerStandIn renewer;

    @BeforeEach
    void redis() {
        RealEnvironment.requireRedis();
        renewer = new RedisRenewerStandIn(prefix);
    }

    @AfterEach
    void clean() throws Exception {
        if (renewer != null) {
            new RedisPasswords(keychain).delete(RedisAddress.parse(TestRedis.followerUrl()));
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(prefix + ":*").forEach(admin::del);
            }
        }
    }

    @Test
    void showsTheFollowedTokenCopiesItFollowsItsRenewalsAndAsksForOneOnRenewNow() throws Exception {
        AccessToken first = renewer.renew(Duration.ofHours(3));
        app = AppUnderTest.in(folder).storedCredentials(Optional.empty());
        app.beforeLaunch(() -> new FollowSetup(
                new RedisPasswords(keychain), new FollowedProfiles(SettingsFile.in(app.dirs())), Clock.systemUTC())
                .follow(app.vault().profile(), RedisFollow.of(TestRedis.followerUrl(), prefix, RedisRenewerStandIn.USER_ID),
                        Optional.of(TestRedis.followerPassword())))
                .start();

        app.awaitLook(Look.VALID);
        assertThat(app.text("countdown")).matches("02:5\\d:\\d\\d");
        robot.clickOn("#copy");
        assertThat(clipboard()).contains(first.value().reveal());

        AccessToken second = renewer.renew(Duration.ofHours(5));
        Poll.until("the new token's countdown", Duration.ofSeconds(5), () -> app.text("countdown").startsWith("04:5"));
        robot.clickOn("#copy");
        assertThat(clipboard()).contains(second.value().reveal());
        LoginHistory history = new LoginHistory(app.dirs().state().resolve("history.jsonl"), Clock.systemUTC(), p -> {});
        assertThat(history.attempts(app.vault().profile().name())).extracting(a -> a.trigger())
                .containsExactly(Trigger.REDIS, Trigger.REDIS);

        try (RedisChannel requests = new RedisChannel(prefix + ":renew_request")) {
            robot.clickOn("#renew");
            Poll.until("the renew request", WAIT, () -> !requests.messages.isEmpty());
            assertThat(requests.messages).containsExactly(RedisRenewerStandIn.USER_ID);
        }
        Poll.until("the window to say it asked", WAIT, () -> app.text("message").startsWith("Asked the machine"));
        assertThat(app.text("last-renewal")).startsWith("Last token from Redis ");
        assertThat(app.text("next-renewal")).isEqualTo("Renewed by another machine, taken from Redis; Renew now asks it");
        for (SimulatorCounters.Event event : List.of(SimulatorCounters.Event.PIN_ATTEMPTS,
                SimulatorCounters.Event.OTP_ATTEMPTS, SimulatorCounters.Event.TOKENS_ISSUED)) {
            assertThat(app.simulator().counters().count(event)).as("nothing logged in: " + event).isZero();
        }
    }

    @Test
    void aRedisThatCannotBeReachedAtStartIsShownAsTheProblemWithoutASetup() throws Exception {
        int nothingListens = FreePort.pick();
        app = AppUnderTest.in(folder).storedCredentials(Optional.empty());
        app.beforeLaunch(() -> new FollowedProfiles(SettingsFile.in(app.dirs())).save(app.vault().profile(),
                RedisFollow.of("redis://follower@127.0.0.1:" + nothingListens + "/0", prefix, RedisRenewerStandIn.USER_ID)));
        app.start();

        Poll.until("the problem", WAIT, () -> app.shows("problem") && app.text("problem").contains(
                "Redis at 127.0.0.1:" + nothingListens + " cannot be reached (connection refused)"));
        assertThat(AppUnderTest.window("Set up – Upstox Token Tray")).as("no setup of credentials").isEmpty();
    }

    private static Optional<String> clipboard() throws Exception {
        return Fx.call(() -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasString() ? Optional.ofNullable(clipboard.getString()) : Optional.<String>empty();
        });
    }
}
