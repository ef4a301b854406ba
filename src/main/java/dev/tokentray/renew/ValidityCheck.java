package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.TokenCheck;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.ProfileVault;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Upstox whether the stored token still works, and when Upstox refuses it, marks it revoked
 * in the keychain entry itself, so that every process ({@code status}, {@code token}, the tray,
 * the headless renewer) sees the same and plans a new login under the usual rules. A check that
 * says nothing (no answer, a fault of Upstox's) changes nothing.
 */
public final class ValidityCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ValidityCheck.class);

    /** What a check found: the token checked and Upstox's answer. */
    public record Outcome(AccessToken token, TokenCheck.Result result) {
        public boolean dead() {
            return result.verdict() == TokenCheck.Verdict.DEAD;
        }
    }

    private final ProfileVault vault;
    private final TokenCheck upstox;
    private final LoginLock lock;
    private final Clock clock;

    public ValidityCheck(ProfileVault vault, TokenCheck upstox, LoginLock lock, Clock clock) {
        this.vault = vault;
        this.upstox = upstox;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * Checks the stored token, when there is a usable one (a missing, expired or revoked token needs
     * no asking); a dead one is marked revoked before this returns.
     *
     * @throws LoginRefusedException when another process's login held the lock too long to mark it
     */
    public Optional<Outcome> check() throws KeychainException, IOException, InterruptedException, LoginRefusedException {
        Optional<AccessToken> stored = vault.token().filter(t -> t.stateAt(clock.instant()).usable());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        TokenCheck.Result result = upstox.check(stored.get().value());
        LOG.info("Checked the token of profile '{}' with Upstox: {} ({})", vault.profile(), result.verdict(),
                result.detail());
        Outcome outcome = new Outcome(stored.get(), result);
        if (outcome.dead()) {
            markRevoked(stored.get());
        }
        return Optional.of(outcome);
    }

    /**
     * Under the login lock, and only while the entry still holds this token: another process may
     * have stored a new one since, which must not be overwritten by the old one marked.
     */
    private void markRevoked(AccessToken dead) throws KeychainException, IOException, InterruptedException,
            LoginRefusedException {
        try (LoginLock.Held held = lock.acquire(vault.profile())) {
            Optional<AccessToken> now = vault.token();
            if (now.filter(t -> t.value().equals(dead.value()) && t.revokedAt().isEmpty()).isPresent()) {
                vault.saveToken(dead.revoked(clock.instant()));
                LOG.warn("The token of profile '{}' was revoked by Upstox before its expiry; marked so", vault.profile());
            }
        }
    }
}
