package dev.tokentray.upstox;

import java.time.Duration;

/** How long the login waits for a connection and for each answer. */
public record LoginTimeouts(Duration connect, Duration request) {
    public static final LoginTimeouts DEFAULT = new LoginTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
}
