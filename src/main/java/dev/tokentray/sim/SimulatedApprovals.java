package dev.tokentray.sim;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the simulator plays Upstox's approval login ("Access Token Request").
 *
 * @param notifierUrl  the app's Notifier Webhook, where an approved token is POSTed; none, as
 *                     when the app in the developer console has no webhook set
 * @param expiry       how long the trader has to approve a request (its {@code authorization_expiry})
 * @param approveAfter approve each request by itself after this long, as a trader would; empty
 *                     for approval by hand ({@link UpstoxSimulator#approve()}, {@code simulator approve})
 */
public record SimulatedApprovals(Optional<URI> notifierUrl, Duration expiry, Optional<Duration> approveAfter) {
    /** Upstox does not publish it; long enough for a trader to find the prompt on the phone. */
    public static final SimulatedApprovals DEFAULT =
            new SimulatedApprovals(Optional.empty(), Duration.ofMinutes(10), Optional.empty());

    public SimulatedApprovals {
        Objects.requireNonNull(notifierUrl, "notifierUrl");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(approveAfter, "approveAfter");
        if (expiry.toSeconds() < 1) {
            throw new IllegalArgumentException("an approval request must live at least a second, got " + expiry);
        }
    }

    public SimulatedApprovals withNotifierUrl(URI url) {
        return new SimulatedApprovals(Optional.of(url), expiry, approveAfter);
    }

    public SimulatedApprovals withExpiry(Duration newExpiry) {
        return new SimulatedApprovals(notifierUrl, newExpiry, approveAfter);
    }

    public SimulatedApprovals withApproveAfter(Duration delay) {
        return new SimulatedApprovals(notifierUrl, expiry, Optional.of(delay));
    }
}
