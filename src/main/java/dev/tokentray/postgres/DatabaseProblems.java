package dev.tokentray.postgres;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * What a failure of the audit trail's database means for the trader, in words, with what to do;
 * never a value the app sent (server errors come without their details, see {@link AuditDatabase}).
 */
public final class DatabaseProblems {
    private DatabaseProblems() {}

    /** What went wrong, and what to do. */
    public static String explain(PostgresAddress address, SQLException failure) {
        String server = "PostgreSQL at " + address.describe();
        String add = "`upstox-token-tray outputs add postgres '" + address + "' --password-stdin`";
        for (Throwable reason : reasons(failure).toList()) {
            String state = reason instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
            String message = String.valueOf(reason.getMessage());
            switch (state) {
                case "28P01", "28000" -> {
                    return server + " refused the role or its password: store the right password with " + add
                            + ", or check the role in the URL.";
                }
                case "3D000" -> {
                    return server + " has no database '" + address.database() + "': create it (CREATE DATABASE "
                            + address.database() + " OWNER " + address.user() + "), or correct the URL.";
                }
                case "42501" -> {
                    return server + " does not let the role '" + address.user() + "' do this (" + firstLine(message)
                            + "): it needs CREATE on the schema, or the tables made for it, with INSERT and SELECT"
                            + " on them (the README lists them).";
                }
                default -> { }
            }
            if (message.contains("no password was provided")) {
                return server + " wants a password, and none is stored: store it with " + add + ".";
            }
            String unreachable = switch (reason) {
                case ConnectException refused -> "cannot be reached (connection refused): check that it runs, that"
                        + " it listens on this address, and that the port is right";
                case UnknownHostException unknown -> "cannot be reached: the host name '" + address.host()
                        + "' is unknown";
                case SocketTimeoutException timeout -> "did not answer in time: check that the host is up and that a"
                        + " firewall lets this computer in";
                case SSLException tls -> "cannot be reached over TLS (" + tls.getMessage() + "): with sslmode=verify-full,"
                        + " the server's certificate must be trusted by this computer and name the host in the URL";
                default -> null;
            };
            if (unreachable != null) {
                return server + " " + unreachable + ".";
            }
        }
        if (failure instanceof SQLTransientConnectionException) {
            return server + " gave no connection within " + AuditDatabase.CONNECT_TIMEOUT.toSeconds() + " s: check that it runs and"
                    + " that this computer may connect to it.";
        }
        return server + " answered with an error: " + firstLine(String.valueOf(failure.getMessage()));
    }

    /**
     * Whether the server refused the app (the role, its password, the database or a right): trying
     * again will not help, unlike a server that cannot be reached.
     */
    public static boolean refused(SQLException failure) {
        return reasons(failure).anyMatch(reason -> reason instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000")
                        || sql.getSQLState().equals("42501"))
                || String.valueOf(reason.getMessage()).contains("no password was provided"));
    }

    private static Stream<Throwable> reasons(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause).limit(10);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }

}
