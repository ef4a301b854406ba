package dev.tokentray.bench;

import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.testsupport.TestRedis;
import dev.tokentray.upstox.UpstoxHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The time from a new token to a token file and to Redis: the headless renewer of a profile of its
 * own, with a plain token file and the test desktop's Redis as outputs, against a simulator whose
 * tokens live a few seconds, so that it renews again and again. "A new token" is the moment the
 * simulator issued it (its counter, looked at every half millisecond); the renewer then stores it in
 * the keychain and the history, and hands it out. The file's moment is its modification time; Redis's,
 * the moment this bench's subscriber hears the {@code token_renewed} message (sent in the same
 * transaction as the key). All on this machine's wall clock.
 */
final class OutputTimes {
    private static final String PROFILE = "bench-outputs";
    private static final String PREFIX = "bench";
    static final Duration LIFETIME = Duration.ofSeconds(8);
    private static final Duration DEADLINE = LIFETIME.plusSeconds(30);

    private OutputTimes() {}

    /** {@code renewals} renewals measured, after the first login (its JVM still cold) unmeasured. */
    static void measure(AppUnderBench app, Path folder, int renewals, Measure toFile, Measure toRedis) throws Exception {
        try (UpstoxSimulator simulator = UpstoxSimulator.start(SimulatorConfig.defaults(Clock.systemUTC())
                .withTokenLifetime(LIFETIME).withOtpRateLimit(Integer.MAX_VALUE))) {
            Map<String, String> environment = new HashMap<>();
            simulator.account().credentials().toFields().forEach((field, value) -> environment.put(field.environmentVariable(), value));
            environment.put(UpstoxHosts.API_VARIABLE, simulator.baseUri().toString());
            environment.put(UpstoxHosts.SERVICE_VARIABLE, simulator.baseUri().toString());
            environment.put(RedisPasswords.VARIABLE, TestRedis.password().reveal());
            AppUnderBench renewer = app.variant(app.path(), app.jvmOptions()).set(environment);
            Path file = folder.resolve("bench-token");
            Files.deleteIfExists(file);
            renewer.run(Bench.COMMAND_DEADLINE, "forget", "--profile", PROFILE);
            // Without setup's test login: every token the simulator issues is then one the renewer hands out.
            renewer.run(Bench.COMMAND_DEADLINE, "setup", "--from-env", "--no-test", "--profile", PROFILE)
                    .requireSuccess("setup");
            renewer.run(Bench.COMMAND_DEADLINE, "outputs", "add", "file", "--profile", PROFILE, "--format", "plain",
                    file.toString()).requireSuccess("outputs add file");
            renewer.run(Bench.COMMAND_DEADLINE, "outputs", "add", "redis", "--profile", PROFILE, "--prefix", PREFIX,
                    TestRedis.url()).requireSuccess("outputs add redis");

            List<Instant> messages = new CopyOnWriteArrayList<>();
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onMessage(String channel, String message) {
                    messages.add(Instant.now());
                }
            };
            try (Jedis subscriber = TestRedis.admin()) {
                Thread subscription = Thread.ofPlatform().daemon()
                        .start(() -> subscriber.subscribe(listener, PREFIX + ":token_renewed"));
                try {
                    await("the subscription", Duration.ofMillis(1), listener::isSubscribed);
                    try (AppUnderBench.Running headless = renewer.start("run", "--headless", "--login-window", "always",
                            "--profile", PROFILE)) {
                        renewals(simulator, file, messages, headless, renewals, toFile, toRedis);
                    }
                } finally {
                    listener.unsubscribe(); // before the connection closes under it
                    subscription.join(Duration.ofSeconds(5));
                }
            } finally {
                try (Jedis admin = TestRedis.admin()) {
                    admin.keys(PREFIX + ":*").forEach(admin::del);
                }
                renewer.run(Bench.COMMAND_DEADLINE, "outputs", "remove", "--profile", PROFILE, "redis-1");
                renewer.run(Bench.COMMAND_DEADLINE, "forget", "--profile", PROFILE);
            }
        }
    }

    private static void renewals(UpstoxSimulator simulator, Path file, List<Instant> messages,
            AppUnderBench.Running headless, int renewals, Measure toFile, Measure toRedis) throws Exception {
        long issued = 0;
        String lastContent = "";
        for (int token = 0; token <= renewals; token++) {
            long before = issued;
            await("token " + (token + 1) + " issued", Duration.ofNanos(500_000),
                    () -> simulator.counters().count(Event.TOKENS_ISSUED) > before);
            Instant issuedAt = Instant.now();
            issued++;
            String previous = lastContent;
            await("token " + (token + 1) + " in the file", Duration.ofMillis(1),
                    () -> Files.exists(file) && !read(file).equals(previous));
            Instant written = Files.getLastModifiedTime(file).toInstant();
            lastContent = read(file);
            int heard = token + 1;
            await("token " + heard + " on Redis's channel", Duration.ofMillis(1), () -> messages.size() >= heard);
            if (written.isBefore(issuedAt)) {
                throw new IllegalStateException("Token " + (token + 1) + " was in the file before the simulator issued"
                        + " it: the bench counts another token than the renewer hands out");
            }
            if (token > 0) {
                toFile.add(Duration.between(issuedAt, written).toNanos() / 1e6);
                toRedis.add(Duration.between(issuedAt, messages.get(token)).toNanos() / 1e6);
                Bench.progress("  renewal %d: file %.0f ms, Redis %.0f ms", token, toFile.runs.getLast(),
                        toRedis.runs.getLast());
            }
            if (!headless.isAlive()) {
                throw new IllegalStateException("The headless renewer ended: " + headless.stderr());
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // not there yet
        }
    }

    private static void await(String what, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Waited " + DEADLINE.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }
}
