package dev.tokentray.testsupport;

import dev.tokentray.token.Secret;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The throwaway PostgreSQL that {@code bash scripts/test.sh} starts (scripts/lib/test-postgres.sh):
 * a database owned by the app's role, a superuser {@code admin} for the tests to read back and to
 * make databases of their own with, and {@link #stop()}/{@link #start()} of the same cluster.
 */
public final class TestPostgres {
    private static final Duration WAIT = Duration.ofSeconds(40);

    private TestPostgres() {}

    public static int port() {
        return Integer.parseInt(variable("TOKENTRAY_TEST_POSTGRES_PORT"));
    }

    public static String user() {
        return variable("TOKENTRAY_TEST_POSTGRES_USER");
    }

    /** The app's role's password: for the keychain, or stdin, never a URL. */
    public static Secret password() {
        return Secret.of(variable("TOKENTRAY_TEST_POSTGRES_PASSWORD"));
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE?user=tray}. */
    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + user();
    }

    /**
     * A new, empty database owned by the app's role, so that each test sees its own tables; named
     * {@code prefix} and a random part.
     */
    public static String newDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + Long.toHexString(System.nanoTime());
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + user());
        }
        return name;
    }

    /** A connection as the superuser, for reading back what the app wrote. */
    public static Connection admin(String database) throws SQLException {
        RealEnvironment.requirePostgres();
        return connectAsAdmin(database);
    }

    private static Connection connectAsAdmin(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "admin");
        properties.setProperty("password", System.getenv("TOKENTRAY_TEST_POSTGRES_ADMIN_PASSWORD"));
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + System.getenv("TOKENTRAY_TEST_POSTGRES_PORT")
                + "/" + database, properties);
    }

    /** The rows {@code sql} selects in {@code database}, as the superuser: column name to text. */
    public static List<Map<String, String>> rows(String database, String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection admin = admin(database); Statement statement = admin.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.put(result.getMetaData().getColumnName(column), result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Whether the server answers now: the probe of {@link RealEnvironment#requirePostgres()}. */
    public static boolean answers() {
        if (System.getenv("TOKENTRAY_TEST_POSTGRES_PORT") == null) {
            return false;
        }
        try (Connection admin = connectAsAdmin("postgres")) {
            return admin.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Stops the server at once (as a crash would) and waits until it is gone. */
    public static void stop() throws Exception {
        control("stop", "-m", "immediate");
        Poll.until("PostgreSQL to stop", WAIT, () -> !answers());
    }

    /** Starts the same cluster again, on the same port, and waits until it answers. */
    public static void start() throws Exception {
        control("start");
        Poll.until("PostgreSQL to answer again", WAIT, TestPostgres::answers);
    }

    private static void control(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = variable("TOKENTRAY_TEST_POSTGRES_CTL");
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Commands.Result result = Commands.run(WAIT, command);
        if (!result.succeeded()) {
            throw new IOException("pg_ctl " + arguments[0] + " failed (exit " + result.exitCode() + "): " + result.stdout());
        }
    }

    private static String variable(String name) {
        RealEnvironment.requirePostgres();
        return System.getenv(name);
    }
}
