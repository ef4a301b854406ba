package dev.tokentray.renew;

import java.time.LocalTime;
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

    public RenewalSettings {
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(readyBy, "readyBy");
    }

    public RenewalSettings withLoginWindow(LoginWindow window) {
        return new RenewalSettings(automatic, window, readyBy);
    }
}
