package dev.tokentray.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's tables, made and upgraded by numbered migrations: {@value #VERSIONS} holds each
 * version applied and when. Written by hand rather than with a migration framework: two tables and
 * a handful of statements do not need one, and the app's size and start time do. A migration is
 * never changed once released; a change of the tables is a new one at the end of {@link #MIGRATIONS}.
 */
public final class AuditSchema {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSchema.class);
    public static final String VERSIONS = "upstox_schema_version";
    public static final String ATTEMPTS = "upstox_login_attempts";
    public static final String TOKENS = "upstox_tokens";
    /** Serialises migrations of several processes (or machines) on one database; any number will do, if it is ours. */
    private static final long LOCK = 0x5570_7374_6f78L;

    /** Migration n is {@code MIGRATIONS.get(n - 1)}. */
    static final List<String> MIGRATIONS = List.of(
            // 1: the attempts and the tokens.
            """
            CREATE TABLE upstox_login_attempts (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                attempted_at timestamptz NOT NULL,
                profile text NOT NULL,
                user_id text,
                trigger text NOT NULL,
                outcome text NOT NULL CHECK (outcome IN ('success', 'rejected', 'failure')),
                failure_class text,
                failure_message text,
                duration_ms bigint NOT NULL,
                steps jsonb NOT NULL,
                host text NOT NULL,
                UNIQUE (attempted_at, profile, host)
            );
            CREATE TABLE upstox_tokens (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id text NOT NULL,
                user_name text NOT NULL,
                profile text NOT NULL,
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                trigger text,
                host text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT now(),
                access_token text,
                UNIQUE (user_id, issued_at, expires_at)
            );
            """,
            // 2: the step a failed login stopped at, and indexes for a desk's questions by day.
            """
            ALTER TABLE upstox_login_attempts ADD COLUMN failure_step text;
            CREATE INDEX upstox_login_attempts_by_time ON upstox_login_attempts (attempted_at);
            CREATE INDEX upstox_tokens_by_expiry ON upstox_tokens (expires_at);
            """);

    private AuditSchema() {}

    /** The newest version this app knows. */
    public static int latest() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the database to {@link #latest()}: makes the version table when missing, then applies each
     * migration not yet applied, all in one transaction (PostgreSQL's DDL is transactional), so that a
     * failure leaves the schema as it was. A schema newer than this app's is left as it is.
     *
     * @return the version the database has now
     */
    public static int migrate(Connection connection) throws SQLException {
        return migrate(connection, latest());
    }

    /** As {@link #migrate(Connection)}, up to {@code target} only: for the tests of an older schema. */
    static int migrate(Connection connection, int target) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + VERSIONS + " (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet version = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSIONS)) {
                version.next();
                current = version.getInt(1);
            }
            for (int next = current + 1; next <= target; next++) {
                statement.execute(MIGRATIONS.get(next - 1));
                statement.execute("INSERT INTO " + VERSIONS + " (version) VALUES (" + next + ")");
                LOG.info("Audit trail: applied migration {} of {}", next, latest());
            }
            connection.commit();
            if (current > latest()) {
                LOG.info("Audit trail: the database's schema (version {}) is newer than this app's ({}); used as it is",
                        current, latest());
            }
            return Math.max(current, target);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
