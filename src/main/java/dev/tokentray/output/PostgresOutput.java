package dev.tokentray.output;

import dev.tokentray.postgres.AuditDatabase;
import dev.tokentray.postgres.DatabaseProblems;
import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.SecretStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: each login attempt and each new token's metadata (the token itself only with
 * {@code --store-token}) as rows of {@link AuditDatabase}. Attempts wait here, in memory, while the
 * database cannot be reached, and are written with the next call that works.
 */
final class PostgresOutput implements AttemptOutput {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresOutput.class);
    /** The database's bound, and the keychain's read of the password. */
    private static final Duration TIMEOUT = AuditDatabase.BOUND.plusSeconds(10);
    /** A database down for weeks must not fill the memory: beyond this many, the oldest attempts go. */
    private static final int MOST_KEPT = 1000;

    private final PostgresOutputConfig config;
    private final AuditDatabase database;
    private final Deque<AuditedAttempt> unwritten = new ArrayDeque<>(); // guarded by this

    PostgresOutput(PostgresOutputConfig config, SecretStore keychain) {
        this.config = config;
        this.database = new AuditDatabase(config.address(),
                () -> keychain.read(config.address().keychainAccount()).map(Secret::of));
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + config.address().describe();
    }

    @Override
    public Duration timeout() {
        return TIMEOUT;
    }

    @Override
    public synchronized void queue(AuditedAttempt attempt) {
        unwritten.addLast(attempt);
        if (unwritten.size() > MOST_KEPT) {
            unwritten.removeFirst();
            LOG.warn("{} has been out of reach for {} login attempts; the oldest is not recorded", describe(), MOST_KEPT);
        }
    }

    @Override
    public void deliverAttempts() throws OutputException {
        List<AuditedAttempt> batch;
        synchronized (this) {
            batch = List.copyOf(unwritten);
        }
        if (batch.isEmpty()) {
            return;
        }
        withDatabase(() -> {
            database.record(batch);
            return null;
        });
        synchronized (this) {
            unwritten.removeAll(batch);
        }
    }

    @Override
    public void deliver(NewToken token) throws OutputException {
        deliverAttempts();
        withDatabase(() -> {
            database.record(token.profile(), token.token(), token.trigger(), token.host(), config.storeToken());
            return null;
        });
    }

    @Override
    public boolean isBehind(AccessToken token) throws OutputException {
        return !withDatabase(() -> database.holds(token));
    }

    @Override
    public void close() {
        database.close();
    }

    @FunctionalInterface
    private interface DatabaseWork<T> {
        T run() throws SQLException, KeychainException;
    }

    private <T> T withDatabase(DatabaseWork<T> work) throws OutputException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new OutputException(DatabaseProblems.explain(config.address(), e), e);
        } catch (KeychainException e) {
            throw new OutputException("The password of " + describe() + " cannot be read from the keychain: "
                    + e.getMessage(), e);
        }
    }
}
