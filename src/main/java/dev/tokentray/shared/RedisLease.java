package dev.tokentray.shared;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * A lease in Redis, the standard single-instance Redis lock: {@code SET key UNIQUE NX PX ttl} takes
 * it, and only its holder extends or releases it. Extending and releasing compare the value and act
 * in one Lua script each, run atomically by Redis: a GET and then a PEXPIRE or DEL from here could
 * act on a lease that lapsed between the two and that another machine took meanwhile, extending or
 * deleting the other's lease. Written by hand because Jedis has no lock of its own (Redisson has one,
 * but brings Netty, which the app keeps out: see the architecture's choice of Jedis).
 *
 * @param key   the lease's key
 * @param value what tells its holder: this process ({@code host/pid}) and a random part, unique to this take
 */
public record RedisLease(String key, String value) {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) else return 0 end";

    /** Takes the lease for {@code ttl} if no one holds it; {@code holder} names this process in its value. */
    public static Optional<RedisLease> tryTake(Jedis jedis, String key, String holder, Duration ttl) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String value = holder + "/" + HexFormat.of().formatHex(random);
        String answer = jedis.set(key, value, SetParams.setParams().nx().px(ttl.toMillis()));
        return "OK".equals(answer) ? Optional.of(new RedisLease(key, value)) : Optional.empty();
    }

    /** Sets the lease to lapse {@code ttl} from now; false when it is no longer this holder's (it lapsed). */
    public boolean extend(Jedis jedis, Duration ttl) {
        return Long.valueOf(1).equals(jedis.eval(EXTEND, List.of(key), List.of(value, String.valueOf(ttl.toMillis()))));
    }

    /** Lets the lease go; false when it was no longer this holder's, which then leaves it as it is. */
    public boolean release(Jedis jedis) {
        return Long.valueOf(1).equals(jedis.eval(RELEASE, List.of(key), List.of(value)));
    }
}
