package dev.tokentray.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Upstox's limit on OTP generations: past it, {@code 1017069} for about ten minutes. */
final class OtpRateLimiter {
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Deque<Instant> recent = new ArrayDeque<>();
    private final int limit;
    private final Clock clock;

    OtpRateLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** @throws Rejected when {@code limit} generations happened within the window */
    synchronized void acquire() {
        Instant now = clock.instant();
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
        if (recent.size() >= limit) {
            throw Rejected.service(ErrorCodes.OTP_RATE_LIMITED,
                    "You have exceeded the maximum number of OTP requests. Please try again after 10 minutes.");
        }
        recent.addLast(now);
    }
}
