package dev.tokentray.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.output.RedisRenewerStandIn;
import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalEvent;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.ThreadScheduler;
import dev.tokentray.renew.Trigger;
import dev.tokentray.testsupport.Poll;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.Profile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A followed account as the screens see it, against the real Redis: states, renewals, history. */
class FollowedAccountTest {
    private static final Duration SOON = Duration.ofSeconds(15);
    private static final Profile PROFILE = new Profile("vps");

    @TempDir
    Path state;

    private final String prefix = "account-" + UUID.randomUUID().toString().substring(0, 8);
    private final InMemorySecretStore keychain = new InMemorySecretStore();
    private final List<RenewalSnapshot> states = new CopyOnWriteArrayList<>();
    private final List<RenewalEvent> events = new CopyOnWriteArrayList<>();
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private RedisRenewerStandIn renewer;
    private LoginHistory history;
    private FollowedAccount account;

    @BeforeEach
    void redis() throws Exception {
        RealEnvironment.requireRedis();
        renewer = new RedisRenewerStandIn(prefix);
        new RedisPasswords(keychain).save(RedisAddress.parse(TestRedis.followerUrl()), TestRedis.followerPassword());
        history = new LoginHistory(state.resolve("history.jsonl"), Clock.systemUTC(), profile -> {});
    }

    @AfterEach
    void stop() throws Exception {
        if (account != null) {
            account.close();
        }
        scheduler.close();
        try (Jedis admin = TestRedis.admin()) {
            admin.keys(prefix + ":*").forEach(admin::del);
        }
    }

    private void follow(String url) {
        RedisConnector connector = new RedisConnector(new RedisPasswords(keychain));
        account = new FollowedAccount(PROFILE, new FollowedRedis(RedisFollow.of(url, prefix, RedisRenewerStandIn.USER_ID),
                connector, Clock.systemUTC()), connector, history, Clock.systemUTC(),
                Thread.ofPlatform().daemon().factory(), scheduler);
        account.addListener(new RenewalListener() {
            @Override
            public void stateChanged(RenewalSnapshot next) {
                states.add(next);
            }

            @Override
            public void event(RenewalEvent event) {
                events.add(event);
            }
        });
        account.start();
    }

    private Optional<Secret> shown() {
        return states.isEmpty() ? Optional.empty() : states.getLast().token().map(AccessToken::value);
    }

    @Test
    void showsTheTokenAndTellsEachNewOneAndRecordsEachInTheHistoryOnce() throws Exception {
        AccessToken first = renewer.renew(Duration.ofHours(3));
        follow(TestRedis.followerUrl());
        Poll.until("the first state", SOON, () -> shown().equals(Optional.of(first.value())));
        RenewalSnapshot shown = states.getLast();
        assertThat(shown.credentialsStored()).isFalse();
        assertThat(shown.plan()).isInstanceOfSatisfying(Plan.WaitForExpiry.class,
                plan -> assertThat(plan.note()).hasValueSatisfying(note -> assertThat(note).contains("Renew now asks it")));
        assertThat(events).as("the token found at start is no renewal").isEmpty();

        AccessToken second = renewer.renew(Duration.ofHours(3).plusMinutes(1));

        Poll.until("the new token", SOON, () -> shown().equals(Optional.of(second.value())));
        Poll.until("the renewal told", SOON, () -> !events.isEmpty());
        assertThat(events).singleElement().isInstanceOfSatisfying(RenewalEvent.Renewed.class,
                renewed -> assertThat(renewed.token().value()).isEqualTo(second.value()));
        assertThat(history.attempts(PROFILE.name())).extracting(Attempt::trigger, Attempt::tokenExpiresAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Trigger.REDIS, Optional.of(first.expiresAt())),
                org.assertj.core.groups.Tuple.tuple(Trigger.REDIS, Optional.of(second.expiresAt())));

        // A later token of the same day expires when the one before did: it is recorded all the same.
        AccessToken third = renewer.renewUntil(second.expiresAt());
        Poll.until("the third token", SOON, () -> shown().equals(Optional.of(third.value())));
        Poll.until("the third recorded", SOON, () -> history.attempts(PROFILE.name()).size() == 3);

        account.close();
        states.clear();
        follow(TestRedis.followerUrl());
        Poll.until("the state after a restart", SOON, () -> shown().equals(Optional.of(third.value())));
        assertThat(Poll.holdsFor(Duration.ofMillis(500), () -> history.attempts(PROFILE.name()).size() == 3))
                .as("a token recorded before is not recorded again").isTrue();
    }

    @Test
    void anUnreachableRedisIsTheStatesProblemAndNoTokenIsAStop() throws Exception {
        follow("redis://follower@127.0.0.1:" + dev.tokentray.testsupport.FreePort.pick() + "/0");

        Poll.until("the problem", SOON, () -> states.stream().anyMatch(s -> s.keychainProblem().isPresent()));
        assertThat(states.getFirst().keychainProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("cannot be reached (connection refused)", "Trying again in 1 s"));

        account.close();
        states.clear();
        follow(TestRedis.followerUrl());
        Poll.until("the first state", SOON, () -> !states.isEmpty());
        assertThat(states.getLast().plan()).isInstanceOfSatisfying(Plan.Stopped.class,
                stopped -> assertThat(stopped.why()).contains("Redis has no token of SIM001"));
    }
}
