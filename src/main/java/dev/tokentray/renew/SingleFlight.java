package dev.tokentray.renew;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One call in flight at a time: a caller that comes while one runs waits for it and gets its
 * result, or its exception, instead of starting another. The first caller runs the call on its
 * own thread.
 */
final class SingleFlight<T> {
    @FunctionalInterface
    interface Call<T> {
        T run() throws Exception;
    }

    private CompletableFuture<T> inFlight;

    T run(Call<T> call) throws Exception {
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
            return join(flight);
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

    private static <T> T join(CompletableFuture<T> flight) throws Exception {
        try {
            return flight.get();
        } catch (ExecutionException e) {
            // The same exception the first caller got: its type says what failed.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
