package dev.tokentray.renew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.util.function.Function;
import java.util.Objects;

/**
 * What the trader decides about renewal.
 *
 * @param automatic   renew without being asked
 * @param loginWindow when automatic logins may happen (IST)
 * @param readyBy     the time (IST) by which a valid token must exist, else an urgent alert;
 *                    08:45 leaves half an hour before the 09:15 market open
 */
public record RenewalSettings(boolean automatic, LoginWindow loginWindow, LocalTime readyBy) {
    public static final RenewalSettings DEFAULT = new RenewalSettings(true, LoginWindow.DEFAULT, LocalTime.of(8, 45));
    /** The settings file's section for the renewal. */
    public static final String SECTION = "renewal";

    public RenewalSettings {
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(readyBy, "readyBy");
    }

    public RenewalSettings withLoginWindow(LoginWindow window) {
        return new RenewalSettings(automatic, window, readyBy);
    }

    /** Reads the section; each missing or unreadable value takes its default. */
    public static RenewalSettings fromJson(JsonNode section) {
        RenewalSettings defaults = DEFAULT;
        return new RenewalSettings(
                section.path("automatic").asBoolean(defaults.automatic()),
                read(section, "loginWindow", LoginWindow::parse, defaults.loginWindow()),
                read(section, "readyBy", LocalTime::parse, defaults.readyBy()));
    }

    public ObjectNode toJson(ObjectNode section) {
        return section.put("automatic", automatic)
                .put("loginWindow", loginWindow.toString())
                .put("readyBy", readyBy.toString());
    }

    private static <T> T read(JsonNode section, String field, Function<String, T> parse, T fallback) {
        try {
            return section.hasNonNull(field) ? parse.apply(section.path(field).asText()) : fallback;
        } catch (RuntimeException e) {
            return fallback; // a hand-edited value that does not parse
        }
    }
}
