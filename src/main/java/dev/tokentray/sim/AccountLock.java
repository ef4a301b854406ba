package dev.tokentray.sim;

import java.util.EnumMap;
import java.util.Map;

/**
 * Upstox locks an account after five wrong PINs, or five wrong OTPs, in a row. The simulator
 * does too, for the rest of its life, so that a test sees what a retrying client would cause.
 */
final class AccountLock {
    static final int ATTEMPTS = 5;

    /** The two secrets whose wrong entries are counted, each on its own. */
    enum Factor {
        PIN,
        OTP
    }

    private final Map<Factor, Integer> wrongInARow = new EnumMap<>(Factor.class);
    private boolean locked;

    /** @throws Rejected once the account is locked */
    synchronized void requireUnlocked() {
        if (locked) {
            throw lockedRejection();
        }
    }

    /**
     * Counts a wrong entry.
     *
     * @return the attempts left
     * @throws Rejected when this entry locked the account
     */
    synchronized int failed(Factor factor) {
        int wrong = wrongInARow.merge(factor, 1, Integer::sum);
        if (wrong >= ATTEMPTS) {
            locked = true;
            throw lockedRejection();
        }
        return ATTEMPTS - wrong;
    }

    synchronized void passed(Factor factor) {
        wrongInARow.remove(factor);
    }

    private static Rejected lockedRejection() {
        return Rejected.service(ErrorCodes.ACCOUNT_LOCKED, "Your account is locked after " + ATTEMPTS
                + " incorrect attempts. Reset your PIN on Upstox to unlock it.");
    }
}
