package dev.tokentray.renew;

import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of a login that ran on another thread, or what it threw there, as its own type. */
public final class LoginOutcome {
    private LoginOutcome() {}

    public static <T> T of(Future<T> login) throws LoginException, LoginRefusedException, KeychainException,
            NoCredentialsException, NoAutomaticLoginException, InterruptedException {
        try {
            return login.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case LoginException cause -> throw cause;
                case LoginRefusedException cause -> throw cause;
                case KeychainException cause -> throw cause;
                case NoCredentialsException cause -> throw cause;
                case NoAutomaticLoginException cause -> throw cause;
                case InterruptedException cause -> throw cause;
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw new IllegalStateException("The login failed", e.getCause());
            }
        }
    }
}
