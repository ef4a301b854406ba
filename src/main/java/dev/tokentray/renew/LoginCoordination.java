package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginStep;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the machines that renew one Upstox account agree on which of them logs in, and share what
 * Upstox told one of them: the token, a rejection, a wait. {@link #ALONE} is the machine on its
 * own; {@code shared.RedisCoordination} is the one over a Redis they share. The {@link SharedLogin}
 * uses it around every login the {@link TokenFetcher} makes for the schedule, a script or the trader.
 */
public interface LoginCoordination {
    /** No other machine: this one always leads, and nothing is shared. */
    LoginCoordination ALONE = (account, fresh) -> new Lead() {
        @Override
        public Optional<AccessToken> token() {
            return Optional.empty();
        }

        @Override
        public List<SharedStop> stops() {
            return List.of();
        }

        @Override
        public Optional<SharedWait> noLoginBefore() {
            return Optional.empty();
        }

        @Override
        public void renewed(AccessToken token, String profile, Optional<Trigger> trigger) {}

        @Override
        public void stopped(SharedStop stop) {}

        @Override
        public void mustWait(SharedWait wait) {}

        @Override
        public void close() {}
    };

    /**
     * Waits until this machine may log in for {@code account} (the Upstox user id), or until
     * another machine left a token that {@code fresh} accepts, whichever comes first.
     *
     * @throws CoordinationException when the machines cannot agree (their Redis cannot be reached)
     * @throws LoginRefusedException when another machine's login held the turn longer than any login takes
     */
    Turn awaitTurn(String account, Predicate<AccessToken> fresh)
            throws CoordinationException, LoginRefusedException, InterruptedException;

    /** What {@link #awaitTurn} gave: a token to take, or the lead of the login. */
    sealed interface Turn permits Taken, Lead {}

    /** A token another machine renewed, to take instead of logging in. */
    record Taken(AccessToken token) implements Turn {}

    /**
     * This machine leads the login until it closes the turn; nothing else logs in meanwhile. What
     * it learned is published before the close, so that the next to lead finds it.
     */
    non-sealed interface Lead extends Turn, AutoCloseable {
        /** The shared token now: another machine may have renewed between the wait and the lead. */
        Optional<AccessToken> token() throws CoordinationException;

        /** The rejections every machine must heed. */
        List<SharedStop> stops() throws CoordinationException;

        /** A wait Upstox asked one of the machines for. */
        Optional<SharedWait> noLoginBefore() throws CoordinationException;

        /** Hands the token to the others, as the Redis output would: {@code trigger}, the login's, when this machine made it. */
        void renewed(AccessToken token, String profile, Optional<Trigger> trigger) throws CoordinationException;

        void stopped(SharedStop stop) throws CoordinationException;

        void mustWait(SharedWait wait) throws CoordinationException;

        /** Lets the next machine lead. */
        @Override
        void close();
    }

    /** A wait Upstox asked one machine for: no machine logs in before {@code until}. */
    record SharedWait(Instant until, LoginStep step, String message) {}
}
