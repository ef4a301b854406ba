package dev.tokentray.renew;

import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import java.util.concurrent.CompletableFuture;

/**
 * One call in flight at a time: a caller that comes while one runs waits for it and gets its
 * result, or its exception, instead of starting another. The first caller runs the call on its
 * own thread.
 */
final class SingleFlight<T> {
    @FunctionalInterface
    interface Call<T> {
        T run() throws LoginException, LoginRefusedException, KeychainException, NoCredentialsException,
                NoAutomaticLoginException, InterruptedException;
    }

    private CompletableFuture<T> inFlight;

    T run(Call<T> call) throws LoginException, LoginRefusedException, KeychainException, NoCredentialsException,
            NoAutomaticLoginException, InterruptedException {
        CompletableFuture<T> flight;
        boolean first;
        synchronized (this) {
            first = inFlight == null;
            if (first) {
                inFlight = new CompletableFuture<>();
            }
            flight = inFlight;
        }
        if (!first) {
            return LoginOutcome.of(flight); // the same exception the first caller got: its type says what failed
        }
        try {
            T result = call.run();
            flight.complete(result);
            return result;
        } catch (Throwable e) {
            flight.completeExceptionally(e); // an Error too, or the waiting callers would wait forever
            throw e;
        } finally {
            synchronized (this) {
                inFlight = null;
            }
        }
    }
}
