package dev.tokentray.token;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** RFC 6238 codes (HMAC-SHA1, 6 digits, 30-second steps) from a Base32 secret as Upstox shows it. */
public final class Totp {
    /** 16 Base32 characters are 80 bits, the shortest secret authenticator apps accept. */
    private static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]+");
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private final SecretKeySpec key;

    private Totp(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, GENERATOR.getAlgorithm());
    }

    /**
     * @throws IllegalArgumentException with a message fit for the trader (it never contains the secret)
     */
    public static Totp fromBase32(Secret secret) {
        String normalised = normalise(secret.reveal());
        if (normalised.length() < MIN_SECRET_LENGTH || !BASE32.matcher(normalised).matches()) {
            throw new IllegalArgumentException("The TOTP secret is not a Base32 key of at least "
                    + MIN_SECRET_LENGTH + " letters A-Z and digits 2-7 (copy it from Upstox's"
                    + " \"Set up TOTP\" page, the text under the QR code)");
        }
        return new Totp(new Base32().decode(normalised));
    }

    /** People paste secrets with spaces or dashes, in lower case, or with '=' padding. */
    static String normalise(String secret) {
        return secret.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
    }

    /** The 6-digit code for the 30-second step that holds {@code time}. */
    public String codeAt(Instant time) {
        try {
            return GENERATOR.generateOneTimePasswordString(key, time, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 refused a decoded Base32 key", e);
        }
    }

    /** The seconds the code at {@code time} stays current, for a countdown beside it. */
    public static long secondsLeft(Instant time) {
        long step = GENERATOR.getTimeStep().toSeconds();
        return step - Math.floorMod(time.getEpochSecond(), step);
    }

    @Override
    public String toString() {
        return "Totp[******]";
    }
}
