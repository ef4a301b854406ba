package dev.tokentray.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.StepTiming;
import dev.tokentray.vault.KeychainException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail in a PostgreSQL database: login attempts and new tokens' metadata (the token
 * itself only when asked), in the tables of {@link AuditSchema}, made on first use. Its connections
 * come from a small HikariCP pool (two at most, none kept open when idle: the app writes a few
 * times a day), bounded in time: a database that does not answer fails a call within seconds.
 *
 * <p>The password is read from its source (the keychain) before each use, so that one stored anew
 * is taken without a restart; the pool's connections get it from there. Server errors carry no
 * details ({@code logServerErrorDetail=false}): PostgreSQL's details can quote a row, which may
 * hold a token. {@link DatabaseProblems} puts a failure in words.
 */
public final class AuditDatabase implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** The longest a connection, the migrations and a write take before a timeout ends them. */
    public static final Duration BOUND = CONNECT_TIMEOUT.plus(ANSWER_TIMEOUT.multipliedBy(2));
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the role's password comes from, when it is needed. */
    @FunctionalInterface
    public interface PasswordSource {
        Optional<Secret> read() throws KeychainException;
    }

    /** A login attempt to record, with what the attempt itself does not carry. */
    public record AuditedAttempt(Attempt attempt, Optional<String> userId, String host) {
        public AuditedAttempt {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(host, "host");
        }
    }

    private final PostgresAddress address;
    private final PasswordSource passwords;
    private volatile Secret password; // read by the pool's threads
    private HikariDataSource pool; // guarded by this
    private boolean migrated; // guarded by this
    private boolean closed; // guarded by this

    public AuditDatabase(PostgresAddress address, PasswordSource passwords) {
        this.address = address;
        this.passwords = passwords;
    }

    /** Makes or upgrades the tables, as any first use does; returns the schema's version. */
    public int migrate() throws SQLException, KeychainException {
        try (Connection connection = connection()) {
            return AuditSchema.migrate(connection);
        }
    }

    /** Inserts the attempts in one transaction; one already there (a retry after a lost answer) is skipped. */
    public void record(List<AuditedAttempt> attempts) throws SQLException, KeychainException {
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + AuditSchema.ATTEMPTS
                        + " (attempted_at, profile, user_id, trigger, outcome, failure_class, failure_message,"
                        + " failure_step, duration_ms, steps, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT (attempted_at, profile, host) DO NOTHING")) {
            connection.setAutoCommit(false);
            try {
                for (AuditedAttempt audited : attempts) {
                    Attempt attempt = audited.attempt();
                    Optional<LoginFailure> failure = attempt.failure();
                    insert.setObject(1, time(attempt.time()));
                    insert.setString(2, attempt.profile());
                    insert.setString(3, audited.userId().orElse(null));
                    insert.setString(4, name(attempt.trigger()));
                    insert.setString(5, outcome(attempt));
                    insert.setString(6, failure.map(f -> name(f.kind())).orElse(null));
                    insert.setString(7, failure.map(LoginFailure::message).orElse(null));
                    insert.setString(8, failure.map(f -> name(f.step())).orElse(null));
                    insert.setLong(9, attempt.duration().toMillis());
                    insert.setString(10, steps(attempt.steps()));
                    insert.setString(11, audited.host());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Inserts a token's row: its metadata, and the token itself only {@code withToken}. A token already
     * recorded (by this machine's other processes, or a retry) is left as it is.
     *
     * @param trigger what made it, when this process's login did; empty for one it found
     */
    public void record(String profile, AccessToken token, Optional<Trigger> trigger, String host, boolean withToken)
            throws SQLException, KeychainException {
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + AuditSchema.TOKENS
                        + " (user_id, user_name, profile, issued_at, expires_at, trigger, host, access_token)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, issued_at, expires_at) DO NOTHING")) {
            insert.setString(1, token.userId());
            insert.setString(2, token.userName());
            insert.setString(3, profile);
            insert.setObject(4, time(token.issuedAt()));
            insert.setObject(5, time(token.expiresAt()));
            insert.setString(6, trigger.map(AuditDatabase::name).orElse(null));
            insert.setString(7, host);
            insert.setString(8, withToken ? token.value().reveal() : null);
            insert.executeUpdate();
        }
    }

    /** Whether the token's row is there (its user id, issue and expiry). */
    public boolean holds(AccessToken token) throws SQLException, KeychainException {
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + AuditSchema.TOKENS
                        + " WHERE user_id = ? AND issued_at = ? AND expires_at = ?")) {
            select.setString(1, token.userId());
            select.setObject(2, time(token.issuedAt()));
            select.setObject(3, time(token.expiresAt()));
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        }
    }

    /** A connection from the pool (made on first use), to a database whose tables are up to date. */
    private Connection connection() throws SQLException, KeychainException {
        password = passwords.read().orElse(null);
        HikariDataSource source;
        synchronized (this) {
            if (closed) {
                throw new SQLException("The audit trail's connections are closed");
            }
            if (pool == null) {
                pool = new HikariDataSource(config());
            }
            source = pool;
        }
        Connection connection = source.getConnection();
        try {
            synchronized (this) {
                if (!migrated) {
                    AuditSchema.migrate(connection);
                    migrated = true;
                }
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private HikariConfig config() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("postgres-audit");
        config.setJdbcUrl(address.jdbcUrl());
        config.setCredentialsProvider(() -> Credentials.of(address.user(), password == null ? null : password.reveal()));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE.toMillis());
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // No connection at start: a database that is down must not hold up the app, nor fail the pool.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("socketTimeout", String.valueOf(ANSWER_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "upstox-token-tray");
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return config;
    }

    /** Closes the pool's connections; quick, since none is kept open when idle. */
    @Override
    public void close() {
        HikariDataSource open;
        synchronized (this) {
            closed = true;
            open = pool;
        }
        if (open != null) {
            open.close();
        }
    }

    private static String steps(List<StepTiming> steps) {
        ArrayNode array = JSON.createArrayNode();
        for (StepTiming step : steps) {
            array.addObject().put("step", name(step.step())).put("ms", step.duration().toMillis());
        }
        return array.toString();
    }

    /** A rejection stops the values it sent (the trader must act); any other failure is retried. */
    private static String outcome(Attempt attempt) {
        return attempt.succeeded() ? "success" : attempt.rejected() ? "rejected" : "failure";
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
