package dev.tokentray.upstox;

import dev.tokentray.token.AccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A successful login: the new token, the time each step took, and how far this machine's
 * clock is ahead of Upstox's (positive) or behind it (negative), read from the {@code Date}
 * headers of its answers.
 */
public record LoginResult(AccessToken token, List<StepTiming> timings, Optional<Duration> clockSkew) {
    public LoginResult {
        timings = List.copyOf(timings);
    }
}
