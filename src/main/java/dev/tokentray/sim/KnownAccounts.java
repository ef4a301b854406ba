package dev.tokentray.sim;

import dev.tokentray.token.Totp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts a simulator knows, each with what Upstox keeps per account: its lock after five
 * wrong PINs or TOTPs, its limit on OTP generations, its TOTP. A login finds its account by the
 * API key of its dialog, and keeps to it in its session.
 */
final class KnownAccounts {

    /** One account and its own state. */
    record Known(SimulatedAccount account, AccountLock lock, OtpRateLimiter rateLimiter, Totp totp) {}

    private final Map<String, Known> byUserId = new LinkedHashMap<>();

    KnownAccounts(List<SimulatedAccount> accounts, int otpRateLimit, Clock clock) {
        for (SimulatedAccount account : accounts) {
            byUserId.put(account.userId(), new Known(account, new AccountLock(), new OtpRateLimiter(otpRateLimit, clock),
                    Totp.fromBase32(account.credentials().totpSecret())));
        }
    }

    /** The account of this API key (each API app belongs to one account). */
    Optional<Known> byClientId(String clientId) {
        return byUserId.values().stream().filter(known -> known.account().clientId().equals(clientId)).findFirst();
    }

    Optional<Known> byUserId(String userId) {
        return Optional.ofNullable(byUserId.get(userId));
    }

    /** The account a login session was opened for. */
    Known of(SimulatedSession session) {
        return byUserId(session.userId()).orElseThrow(() -> new IllegalStateException("a session of no account"));
    }
}
