package dev.tokentray.ui;

import static dev.tokentray.ui.AppUnderTest.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.accounts.AccountList;
import dev.tokentray.cli.CliRunner;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.output.RedisOutputConfig;
import dev.tokentray.output.RedisRenewerStandIn;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.redis.RedisTokens;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.LoginTurnstile;
import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.renew.Trigger;
import dev.tokentray.shared.RedisCoordination;
import dev.tokentray.shared.RenewRequests;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.ui.AppUnderTest.TestAccount;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The real tray app with an account of its own beside one it follows in the test Redis (made by
 * the {@code follow} command): the followed one's countdown, Copy, a new token within seconds, and
 * its Renew now heard by a real renewer of another "machine" (the headless renewer's parts in this
 * JVM: {@link RedisCoordination} and {@link RenewRequests}, its own keychain holding the
 * credentials), whose login the simulator counts, while the followed account itself never sends a
 * PIN.
 */
class FollowFxTest extends RealAppFxTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final List<SimulatedAccount> FAMILY = List.of(SimulatedAccount.numbered(1), SimulatedAccount.numbered(2));
    private static final SimulatedAccount OWN = FAMILY.get(0);
    private static final SimulatedAccount FOLLOWED = FAMILY.get(1);

    private final String prefix = "fx-" + UUID.randomUUID().toString().substring(0, 8);
    private final KeyringSecretStore keychain = new KeyringSecretStore(AppUnderTest.KEYCHAIN_SERVICE);
    private TokenFetcher renewer;

    @BeforeEach
    void redis() {
        RealEnvironment.requireRedis();
    }

    @AfterEach
    void clean() throws Exception {
        if (renewer != null) {
            renewer.close();
        }
        new RedisPasswords(keychain).delete(RedisAddress.parse(TestRedis.followerUrl()));
        try (Jedis admin = TestRedis.admin()) {
            admin.keys(prefix + ":*").forEach(admin::del);
        }
    }

    @Test
    void aFollowedAccountShowsAndCopiesItsTokenFollowsItsRenewalsAndItsRenewNowMakesTheRenewerLogIn() throws Exception {
        app = AppUnderTest.in(folder).simulator(AppUnderTest.simulatorDefaults().withAccounts(FAMILY))
                .accounts(new TestAccount("Me", Optional.of(OWN.credentials())), new TestAccount("VPS", Optional.empty()));
        app.beforeLaunch(() -> {
            renewer = new TokenFetcher();
            renewer.renew(); // the VPS's first token, before the laptop follows it
            CliRunner.Run follow = cli().with(RedisPasswords.VARIABLE, TestRedis.followerPassword().reveal())
                    .run("follow", TestRedis.followerUrl(), "--user-id", FOLLOWED.userId(), "--prefix", prefix,
                            "--profile", app.profile(1).name());
            assertThat(follow.exitCode()).as(follow.err()).isZero();
        }).start();
        // The own account logs in at start, on its own thread, perhaps after the window showed.
        Poll.until("the own account's login at start", WAIT, () -> app.pins(OWN) == 1);
        Poll.until("the followed token", WAIT, () -> app.exists(app.row("state", 1))
                && app.text(app.row("state", 1)).equals("Token valid"));
        AccessToken first = renewer.inRedis();

        robot.clickOn("#" + app.row("select", 1));
        Poll.until("the followed account to be selected", WAIT, () -> app.text("detail-name").equals("VPS"));
        assertThat(app.text("countdown")).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(app.text("next-renewal")).isEqualTo("Renewed by another machine, taken from Redis; Renew now asks it");
        assertThat(app.shows("fix-credentials")).as("no credentials to edit").isFalse();
        assertThat(app.shows(app.row("renew", 1))).as("Renew now asks the renewer").isTrue();
        robot.clickOn("#" + app.row("copy", 1));
        assertThat(clipboard()).contains(first.value().reveal());
        Screenshots.inBothThemes(app.scene(), "status-followed-account");

        // The VPS renews on its own: its new token shows within seconds.
        renewer.renew();
        AccessToken second = renewer.inRedis();
        assertThat(second.value()).isNotEqualTo(first.value());
        Poll.until("the new token in the app", Duration.ofSeconds(5),
                () -> clipboardAfterCopy().equals(Optional.of(second.value().reveal())));

        // Renew now of the followed account: the renewer of the other machine logs in, once.
        long renewerPins = app.pins(FOLLOWED);
        robot.clickOn("#" + app.row("renew", 1));
        Poll.until("the window to say it asked", WAIT, () -> app.text("message").startsWith("Asked the machine that renews "
                + FOLLOWED.userId()));
        Poll.until("the renewer's login", WAIT, () -> app.pins(FOLLOWED) == renewerPins + 1);
        Poll.until("its token in the app", WAIT, () -> !renewer.inRedis().value().equals(second.value())
                && clipboardAfterCopy().equals(Optional.of(renewer.inRedis().value().reveal())));
        assertThat(app.text("last-renewal")).startsWith("Last token from Redis ");
        assertThat(Poll.holdsFor(Duration.ofSeconds(1), () -> app.pins(FOLLOWED) == renewerPins + 1))
                .as("one login for one Renew now").isTrue();
        assertThat(app.pins(OWN)).as("the own account logged in at start only").isEqualTo(1);

        LoginHistory history = new LoginHistory(app.dirs().state().resolve("history.jsonl"), CLOCK, changed -> {});
        assertThat(history.attempts(app.profile(1).name())).as("three tokens taken, no login")
                .extracting(a -> a.trigger()).containsExactly(Trigger.REDIS, Trigger.REDIS, Trigger.REDIS);
        assertThat(app.vault(1).credentials()).as("the followed account holds no credentials").isEmpty();
    }

    @Test
    void addAccountFollowsATokenInRedisThroughItsDialog() throws Exception {
        String sharedPrefix = RedisOutputConfig.DEFAULT_PREFIX; // the dialog's
        AccessToken written = new RedisRenewerStandIn(sharedPrefix).renew(Duration.ofHours(3));
        try {
            app = AppUnderTest.in(folder).simulator(AppUnderTest.simulatorDefaults().withAccounts(FAMILY))
                    .accounts(new TestAccount("Me", Optional.of(OWN.credentials()))).start();

            Poll.until("the own account's login at start", WAIT, () -> app.pins(OWN) == 1);
            robot.clickOn("#add-account");
            Stage label = AppUnderTest.awaitWindow("Add account – Upstox Token Tray");
            robot.clickOn(in(label, "#follow-redis"));
            Stage dialog = AppUnderTest.awaitWindow("Follow a token in Redis – Upstox Token Tray");
            robot.clickOn(in(dialog, "#follow-label")).write("VPS");
            robot.clickOn(in(dialog, "#follow-url")).write(TestRedis.followerUrl());
            robot.clickOn(in(dialog, "#follow-user-id")).write(RedisRenewerStandIn.USER_ID);
            robot.clickOn(in(dialog, "#follow-password")).write(TestRedis.followerPassword().reveal());
            robot.clickOn(in(dialog, "#follow-ok"));

            Profile vps = new Profile("vps");
            Poll.until("the followed account's row", WAIT, () -> app.exists("state-" + vps)
                    && app.text("state-" + vps).equals("Token valid"));
            assertThat(app.profiles()).containsExactly(app.profile(), vps);
            assertThat(new FollowedProfiles(SettingsFile.in(app.dirs())).of(vps)).hasValueSatisfying(follow ->
                    assertThat(follow.userId()).isEqualTo(RedisRenewerStandIn.USER_ID));
            assertThat(new AccountList(SettingsFile.in(app.dirs())).find(vps)).hasValueSatisfying(account ->
                    assertThat(account.label()).isEqualTo("VPS"));
            robot.clickOn("#copy-" + vps);
            assertThat(clipboard()).contains(written.value().reveal());
            assertThat(app.pins(OWN)).as("the own account's login at start, and nothing more").isEqualTo(1);
        } finally {
            try (Jedis admin = TestRedis.admin()) {
                admin.keys(sharedPrefix + ":" + RedisRenewerStandIn.USER_ID + ":*").forEach(admin::del);
            }
        }
    }

    @Test
    void aRedisThatCannotBeReachedAtStartIsShownAsTheProblemWithoutASetup() throws Exception {
        int nothingListens = FreePort.pick();
        app = AppUnderTest.in(folder).storedCredentials(Optional.empty());
        app.beforeLaunch(() -> new FollowedProfiles(SettingsFile.in(app.dirs())).save(app.profile(),
                RedisFollow.of("redis://follower@127.0.0.1:" + nothingListens + "/0", prefix, FOLLOWED.userId())));
        app.start();

        Poll.until("the problem", WAIT, () -> app.shows("problem") && app.text("problem").contains(
                "Redis at 127.0.0.1:" + nothingListens + " cannot be reached (connection refused)"));
        assertThat(AppUnderTest.window("Set up – Upstox Token Tray")).as("no setup of credentials").isEmpty();
    }

    /** The command line on the app's folders (its XDG folders lead to them) and the test run's keychain. */
    private CliRunner cli() throws Exception {
        Path xdg = folder.resolve("xdg");
        Files.createDirectories(xdg.resolve("config"));
        Files.createDirectories(xdg.resolve("state"));
        Files.createSymbolicLink(xdg.resolve("config").resolve("upstox-token-tray"), app.dirs().config());
        Files.createSymbolicLink(xdg.resolve("state").resolve("upstox-token-tray"), app.dirs().state());
        return new CliRunner(xdg, () -> keychain, CLOCK);
    }

    private static Node in(Stage window, String selector) throws Exception {
        return Fx.call(() -> AppUnderTest.node(window, selector));
    }

    private static Optional<String> clipboard() throws Exception {
        return Fx.call(() -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            return clipboard.hasString() ? Optional.ofNullable(clipboard.getString()) : Optional.<String>empty();
        });
    }

    private Optional<String> clipboardAfterCopy() throws Exception {
        robot.clickOn("#" + app.row("copy", 1));
        return clipboard();
    }

    /**
     * The other machine, which holds the followed account's credentials: the headless renewer's
     * renewal with the shared Redis, listening for renew requests, with a keychain of its own.
     */
    private final class TokenFetcher implements AutoCloseable {
        private final RenewalWiring renewal;
        private final RenewRequests requests;
        private final RedisConnector connector;

        TokenFetcher() throws Exception {
            InMemorySecretStore own = new InMemorySecretStore();
            new RedisPasswords(own).save(TestRedis.address(), TestRedis.password());
            ProfileVault vault = new ProfileVault(own, Profile.DEFAULT);
            vault.saveCredentials(FOLLOWED.credentials());
            Instant yesterday = CLOCK.instant().minus(Duration.ofDays(1)); // names the account, as setup's test login would
            vault.saveToken(new AccessToken(Secret.of("yesterdays-token"), yesterday, yesterday.plusSeconds(3600),
                    FOLLOWED.userId(), FOLLOWED.userName()));
            connector = new RedisConnector(new RedisPasswords(own));
            renewal = RenewalWiring.of(vault, new UpstoxLoginClient(app.simulator().hosts(), LoginTimeouts.DEFAULT, CLOCK),
                    folder.resolve("vps-state"), () -> RenewalSettings.DEFAULT, CLOCK, LoginTurnstile.alone(),
                    new RedisCoordination(connector, TestRedis.address(), prefix, "vps", CLOCK, Thread.ofVirtual().factory()));
            requests = RenewRequests.start(connector, TestRedis.address(), prefix, () -> Optional.of(FOLLOWED.userId()),
                    () -> Thread.ofVirtual().start(this::renewQuietly), Thread.ofVirtual().factory());
            try (Jedis jedis = connector.connect(TestRedis.address())) {
                Poll.until("the renewer to listen", WAIT, () -> RenewRequests.ask(jedis, prefix, "NOT-AN-ACCOUNT") == 1);
            }
        }

        void renew() throws Exception {
            renewal.renewer().renew(Trigger.MANUAL, Optional.empty(), LoginListener.NONE);
        }

        private void renewQuietly() {
            try {
                renew();
            } catch (Exception e) {
                throw new AssertionError("the renewer's login failed", e);
            }
        }

        AccessToken inRedis() throws Exception {
            try (Jedis jedis = connector.connect(TestRedis.address())) {
                return new RedisTokens(prefix).read(jedis, FOLLOWED.userId(), CLOCK.instant()).orElseThrow();
            }
        }

        @Override
        public void close() {
            requests.close();
        }
    }
}
