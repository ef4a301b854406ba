package dev.tokentray.renew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the trader decides about renewal.
 *
 * @param automatic     renew without being asked
 * @param loginWindow   when automatic logins may happen (IST)
 * @param readyBy       the time (IST) by which a valid token must exist, else an urgent alert;
 *                      08:45 leaves half an hour before the 09:15 market open
 * @param loginMethod   how the account logs in when it is time: the TOTP login, an approval
 *                      request, or the browser by hand
 * @param validityCheck when to ask Upstox whether the token still works
 */
public record RenewalSettings(boolean automatic, LoginHours loginWindow, LocalTime readyBy, LoginMethod loginMethod,
        CheckSchedule validityCheck) {
    public static final RenewalSettings DEFAULT = new RenewalSettings(true, LoginHours.DEFAULT, LocalTime.of(8, 45),
            LoginMethod.TOTP, CheckSchedule.DEFAULT);
    /** The settings file's section for the renewal. */
    public static final String SECTION = "renewal";

    public RenewalSettings {
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(readyBy, "readyBy");
        Objects.requireNonNull(loginMethod, "loginMethod");
        Objects.requireNonNull(validityCheck, "validityCheck");
    }

    public RenewalSettings withAutomatic(boolean on) {
        return new RenewalSettings(on, loginWindow, readyBy, loginMethod, validityCheck);
    }

    public RenewalSettings withLoginWindow(LoginHours window) {
        return new RenewalSettings(automatic, window, readyBy, loginMethod, validityCheck);
    }

    public RenewalSettings withReadyBy(LocalTime time) {
        return new RenewalSettings(automatic, loginWindow, time, loginMethod, validityCheck);
    }

    public RenewalSettings withLoginMethod(LoginMethod method) {
        return new RenewalSettings(automatic, loginWindow, readyBy, method, validityCheck);
    }

    public RenewalSettings withValidityCheck(CheckSchedule schedule) {
        return new RenewalSettings(automatic, loginWindow, readyBy, loginMethod, schedule);
    }

    /** Reads the section; each missing or unreadable value takes its default. */
    public static RenewalSettings fromJson(JsonNode section) {
        RenewalSettings defaults = DEFAULT;
        JsonNode check = section.path("validityCheck");
        return new RenewalSettings(
                section.path("automatic").asBoolean(defaults.automatic()),
                read(section, "loginWindow", LoginHours::parse, defaults.loginWindow()),
                read(section, "readyBy", LocalTime::parse, defaults.readyBy()),
                read(section, "loginMethod", LoginMethod::parse, defaults.loginMethod()),
                new CheckSchedule(
                        read(check, "every", CheckSchedule::parseEvery, defaults.validityCheck().every()),
                        read(check, "hours", LoginHours::parse, defaults.validityCheck().hours())));
    }

    public ObjectNode toJson(ObjectNode section) {
        section.put("automatic", automatic)
                .put("loginWindow", loginWindow.toString())
                .put("readyBy", readyBy.toString())
                .put("loginMethod", loginMethod.id());
        section.putObject("validityCheck")
                .put("every", validityCheck.everyText())
                .put("hours", validityCheck.hours().toString());
        return section;
    }

    private static <T> T read(JsonNode section, String field, Function<String, T> parse, T fallback) {
        try {
            return section.hasNonNull(field) ? parse.apply(section.path(field).asText()) : fallback;
        } catch (RuntimeException e) {
            return fallback; // a hand-edited value that does not parse
        }
    }
}
