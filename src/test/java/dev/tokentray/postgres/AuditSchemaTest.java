package dev.tokentray.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The numbered migrations, against the test command's real PostgreSQL, each test in a database of its own. */
class AuditSchemaTest {
    private PostgresAddress address;

    @BeforeEach
    void newDatabase() throws SQLException {
        RealEnvironment.requirePostgres();
        address = PostgresAddress.parse(TestPostgres.url(TestPostgres.newDatabase("schema")));
    }

    @Test
    void aNewDatabaseGetsEveryMigrationOnceAndARestartAppliesNothingAgain() throws Exception {
        try (AuditDatabase first = database()) {
            assertThat(first.migrate()).isEqualTo(AuditSchema.latest()).isEqualTo(2);
        }
        try (AuditDatabase restarted = database()) {
            assertThat(restarted.migrate()).isEqualTo(2);
            assertThat(restarted.migrate()).isEqualTo(2);
        }

        assertThat(query("SELECT version FROM " + AuditSchema.VERSIONS + " ORDER BY version")).containsExactly("1", "2");
        assertThat(columns(AuditSchema.ATTEMPTS)).contains("user_id", "attempted_at", "trigger", "outcome",
                "failure_class", "failure_step", "duration_ms", "host", "profile");
        assertThat(columns(AuditSchema.TOKENS)).contains("user_id", "issued_at", "expires_at", "trigger", "host",
                "profile", "access_token");
    }

    @Test
    void aDatabaseAtVersionOneIsUpgradedAndKeepsItsRows() throws Exception {
        try (Connection connection = asTheApp()) {
            assertThat(AuditSchema.migrate(connection, 1)).isEqualTo(1);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO " + AuditSchema.ATTEMPTS + " (attempted_at, profile, trigger, outcome,"
                        + " duration_ms, steps, host) VALUES (now(), 'default', 'automatic', 'success', 900, '[]', 'vps')");
            }
        }
        assertThat(columns(AuditSchema.ATTEMPTS)).doesNotContain("failure_step");

        try (AuditDatabase upgraded = database()) {
            assertThat(upgraded.migrate()).isEqualTo(2);
        }

        assertThat(columns(AuditSchema.ATTEMPTS)).contains("failure_step");
        assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = '" + AuditSchema.ATTEMPTS + "'"))
                .contains("upstox_login_attempts_by_time");
        assertThat(query("SELECT host FROM " + AuditSchema.ATTEMPTS)).containsExactly("vps");
        assertThat(query("SELECT version FROM " + AuditSchema.VERSIONS + " ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aSchemaNewerThanTheAppsIsUsedAsItIs() throws Exception {
        try (AuditDatabase database = database()) {
            database.migrate();
        }
        try (Connection connection = asTheApp(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + AuditSchema.VERSIONS + " (version) VALUES (3)");
        }
        try (AuditDatabase older = database()) {
            assertThat(older.migrate()).isEqualTo(3);
        }
        assertThat(query("SELECT count(*) FROM " + AuditSchema.VERSIONS)).containsExactly("3");
    }

    private AuditDatabase database() {
        return new AuditDatabase(address, () -> Optional.of(TestPostgres.password()));
    }

    private Connection asTheApp() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("password", TestPostgres.password().reveal());
        return DriverManager.getConnection(address.jdbcUrl(), properties);
    }

    private List<String> columns(String table) throws SQLException {
        return query("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "'");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection admin = TestPostgres.admin(address.database()); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
