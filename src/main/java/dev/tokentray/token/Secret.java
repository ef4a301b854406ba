package dev.tokentray.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A PIN, TOTP secret, API secret or access token. Its {@code toString()} never shows the
 * value, so a secret that slips into a log line, an exception message or a record's
 * {@code toString()} stays hidden. Only {@link #reveal()} gives the value, and only the
 * code that must send or store it calls that.
 *
 * <p>The value is a {@code String} because every API it passes through (JSON, HTTP bodies,
 * the keychain) takes strings; a {@code char[]} that we zero would still leave copies there.
 */
public final class Secret {
    private static final String MASK = "******";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** The first and last {@code visible} characters around a mask, for a display the trader asked for. */
    public String masked(int visible) {
        if (value.length() <= 2 * visible + 4) {
            return MASK;
        }
        return value.substring(0, visible) + "…" + value.substring(value.length() - visible);
    }

    @Override
    public boolean equals(Object other) {
        // Constant time, so that comparing secrets leaks nothing through timing.
        return other instanceof Secret that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value would be a little of the value
    }

    @Override
    public String toString() {
        return MASK;
    }
}
