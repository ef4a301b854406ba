package dev.tokentray.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a simulator runs. Start from {@link #defaults(Clock)} and change what a test needs:
 * {@code SimulatorConfig.defaults(clock).withVariant(EndpointVariant.OLD).withTokenLifetime(Duration.ofSeconds(5))}.
 *
 * @param accounts          the accounts it knows, at least one; distinct mobile numbers, API keys, user ids
 *                          and profile ids ({@link SimulatedAccount#numbered} are)
 * @param port              0 for a free port
 * @param tokenLifetime     how long issued tokens live; empty for Upstox's rule (until the next 03:30 IST)
 * @param clock             the simulator's time: TOTP checks, token {@code iat}/{@code exp}, OTP and code
 *                          expiry. (The HTTP {@code Date} header follows the system clock: the JDK's
 *                          server always sets it itself.)
 * @param otpRateLimit      OTP generations allowed within 10 minutes; the next one gets {@code 1017069}
 * @param faultSeed         the seed of the random draws of faults injected with a probability
 * @param revokeAfter       each token is revoked this long after its issue, as an IP change or a
 *                          logout would end it early; empty: tokens live until they expire
 * @param approvals         the approval login's webhook, expiry and approval by itself
 */
public record SimulatorConfig(
        List<SimulatedAccount> accounts,
        EndpointVariant variant,
        int port,
        Optional<Duration> tokenLifetime,
        Clock clock,
        int otpRateLimit,
        long faultSeed,
        Optional<Duration> revokeAfter,
        SimulatedApprovals approvals) {

    /**
     * Upstox's real limit is not published; 20 is a guess that a person never reaches and a
     * runaway retry loop soon does. Tests that log in more often raise it.
     */
    public static final int DEFAULT_OTP_RATE_LIMIT = 20;

    public SimulatorConfig {
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs an account");
        }
        requireDistinct(accounts);
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (tokenLifetime.filter(lifetime -> lifetime.toSeconds() < 1).isPresent()) {
            throw new IllegalArgumentException("token lifetime must be at least 1 second (JWT times are in seconds)");
        }
        Objects.requireNonNull(revokeAfter, "revokeAfter");
        Objects.requireNonNull(approvals, "approvals");
        if (otpRateLimit < 1) {
            throw new IllegalArgumentException("OTP rate limit must be at least 1, got " + otpRateLimit);
        }
    }

    /**
     * The default account, the NEW endpoints, a free port, Upstox's token expiry, on the given
     * clock (the composition root's system clock, or a test's).
     */
    public static SimulatorConfig defaults(Clock clock) {
        return new SimulatorConfig(
                List.of(SimulatedAccount.defaults()), EndpointVariant.NEW, 0, Optional.empty(), clock, DEFAULT_OTP_RATE_LIMIT, 0L,
                Optional.empty(), SimulatedApprovals.DEFAULT);
    }

    /** The first account, the one of a simulator with one account. */
    public SimulatedAccount account() {
        return accounts.getFirst();
    }

    /** This one account instead of the others. */
    public SimulatorConfig withAccount(SimulatedAccount newAccount) {
        return withAccounts(List.of(newAccount));
    }

    public SimulatorConfig withAccounts(List<SimulatedAccount> newAccounts) {
        return new SimulatorConfig(newAccounts, variant, port, tokenLifetime, clock, otpRateLimit, faultSeed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withVariant(EndpointVariant newVariant) {
        return new SimulatorConfig(accounts, newVariant, port, tokenLifetime, clock, otpRateLimit, faultSeed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(accounts, variant, newPort, tokenLifetime, clock, otpRateLimit, faultSeed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withTokenLifetime(Duration lifetime) {
        return new SimulatorConfig(accounts, variant, port, Optional.of(lifetime), clock, otpRateLimit, faultSeed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withOtpRateLimit(int generations) {
        return new SimulatorConfig(accounts, variant, port, tokenLifetime, clock, generations, faultSeed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withFaultSeed(long seed) {
        return new SimulatorConfig(accounts, variant, port, tokenLifetime, clock, otpRateLimit, seed,
                revokeAfter, approvals);
    }

    public SimulatorConfig withRevokeAfter(Duration delay) {
        return new SimulatorConfig(accounts, variant, port, tokenLifetime, clock, otpRateLimit, faultSeed,
                Optional.of(delay), approvals);
    }

    public SimulatorConfig withApprovals(SimulatedApprovals newApprovals) {
        return new SimulatorConfig(accounts, variant, port, tokenLifetime, clock, otpRateLimit, faultSeed,
                revokeAfter, newApprovals);
    }

    private static void requireDistinct(List<SimulatedAccount> accounts) {
        var seen = new HashSet<String>();
        for (SimulatedAccount account : accounts) {
            for (String key : List.of("mobile " + account.credentials().mobileNumber(), "API key " + account.clientId(),
                    "user id " + account.userId(), "profile id " + account.profileId())) {
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("two simulated accounts share the " + key);
                }
            }
        }
    }
}
