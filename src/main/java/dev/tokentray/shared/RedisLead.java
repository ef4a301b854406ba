package dev.tokentray.shared;

import dev.tokentray.renew.CoordinationException;
import dev.tokentray.renew.LoginCoordination;
import dev.tokentray.renew.LoginCoordination.SharedWait;
import dev.tokentray.renew.SharedStop;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/** This machine's lead of a login ({@link RedisCoordination}): the lease, kept while it lasts, and what it shares. */
final class RedisLead implements LoginCoordination.Lead {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLead.class);
    /** How long a shared stop is kept after its last rejection: as long as the history keeps one. */
    static final Duration STOPS_KEPT = Duration.ofDays(90);

    private final RedisCoordination coordination;
    private final String account;
    private final RedisLease lease;
    private final Thread keeper;

    RedisLead(RedisCoordination coordination, String account, RedisLease lease) {
        this.coordination = coordination;
        this.account = account;
        this.lease = lease;
        this.keeper = coordination.keeper(this::keep);
        keeper.start();
    }

    /** Extends the lease until the lead ends, or until it is found lapsed, which is logged loudly. */
    private void keep() {
        try {
            while (true) {
                Thread.sleep(RedisCoordination.EXTEND_EVERY.toMillis());
                try (Jedis jedis = coordination.connect()) {
                    if (!lease.extend(jedis, RedisCoordination.TTL)) {
                        LOG.error("The login lease of {} lapsed before its login ended (this machine was paused or cut"
                                + " off from Redis for {} s): another machine may log in too", account,
                                RedisCoordination.TTL.toSeconds());
                        return;
                    }
                } catch (CoordinationException | JedisException e) {
                    LOG.warn("Could not extend the login lease of {}: {}", account, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            // the lead ended
        }
    }

    @Override
    public Optional<AccessToken> token() throws CoordinationException {
        return withRedis(jedis -> coordination.keys().tokens().read(jedis, account, coordination.clock().instant()));
    }

    @Override
    public List<SharedStop> stops() throws CoordinationException {
        Map<String, String> fields = withRedis(jedis -> jedis.hgetAll(coordination.keys().stops(account)));
        // One rejection of a pair (the API key with its secret) sits under both its fields.
        Collection<SharedStop> stops = fields.values().stream().map(json -> {
            Optional<SharedStop> stop = StopJson.readStop(json);
            if (stop.isEmpty()) {
                LOG.warn("Skipping a shared stop of {} this version cannot read", account);
            }
            return stop;
        }).flatMap(Optional::stream).collect(Collectors.toMap(SharedStop::id, stop -> stop, (a, b) -> a)).values();
        return List.copyOf(stops);
    }

    @Override
    public Optional<SharedWait> noLoginBefore() throws CoordinationException {
        return withRedis(jedis -> Optional.ofNullable(jedis.get(coordination.keys().noLoginBefore(account))))
                .flatMap(StopJson::readWait);
    }

    @Override
    public void renewed(AccessToken token, String profile, Optional<Trigger> trigger) throws CoordinationException {
        Map<String, String> origin = new LinkedHashMap<>(Map.of("profile", profile, "host", coordination.host()));
        trigger.ifPresent(made -> origin.put("trigger", made.name().toLowerCase(Locale.ROOT)));
        withRedis(jedis -> {
            coordination.keys().tokens().write(jedis, token, origin);
            return null;
        });
    }

    @Override
    public void stopped(SharedStop stop) throws CoordinationException {
        String key = coordination.keys().stops(account);
        withRedis(jedis -> {
            jedis.hset(key, StopJson.field(stop), StopJson.write(stop));
            jedis.expire(key, STOPS_KEPT.toSeconds());
            return null;
        });
    }

    @Override
    public void mustWait(SharedWait wait) throws CoordinationException {
        withRedis(jedis -> jedis.set(coordination.keys().noLoginBefore(account), StopJson.write(wait),
                SetParams.setParams().pxAt(wait.until().toEpochMilli())));
    }

    /** Stops extending, and lets the lease go: the next machine leads at once, rather than after the TTL. */
    @Override
    public void close() {
        keeper.interrupt();
        try (Jedis jedis = coordination.connect()) {
            if (!lease.release(jedis)) {
                LOG.warn("The login lease of {} had lapsed before this machine let it go", account);
            }
        } catch (CoordinationException | JedisException e) {
            LOG.warn("Could not let the login lease of {} go ({}); it lapses within {} s", account, e.getMessage(),
                    RedisCoordination.TTL.toSeconds());
        }
    }

    @FunctionalInterface
    private interface RedisWork<T> {
        T run(Jedis jedis);
    }

    private <T> T withRedis(RedisWork<T> work) throws CoordinationException {
        try (Jedis jedis = coordination.connect()) {
            return work.run(jedis);
        } catch (JedisException e) {
            throw coordination.unreachable(e);
        }
    }
}
