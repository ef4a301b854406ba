package dev.tokentray.renew;

import java.time.Duration;
import java.util.Optional;

/** Whether this machine's clock agrees with Upstox's closely enough for TOTP codes to pass. */
public final class ClockCheck {
    /** Half a TOTP step: beyond it, codes start to fall outside what Upstox accepts. */
    public static final Duration LIMIT = Duration.ofSeconds(15);

    private ClockCheck() {}

    /** A warning for the trader when {@code skew} (this clock minus Upstox's) is past the limit. */
    public static Optional<String> warning(Optional<Duration> skew) {
        return skew.filter(s -> s.abs().compareTo(LIMIT) > 0).map(s -> "This computer's clock is "
                + s.abs().toSeconds() + " s " + (s.isNegative() ? "behind" : "ahead of") + " Upstox's, so Upstox will"
                + " reject its TOTP codes. Turn on automatic date and time (NTP) in the system settings.");
    }
}
