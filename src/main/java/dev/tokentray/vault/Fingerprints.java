package dev.tokentray.vault;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed fingerprints of credential values: HMAC-SHA256 with a random 32-byte key that lives in the
 * keychain only ({@link StopVault}). A plain hash of a 6-digit PIN gives the PIN away in a second;
 * without the key, a fingerprint says nothing. Each one is bound to the field and the mobile
 * number, so the same value of another field or account has another fingerprint. Kept to 128
 * bits: plenty to tell values apart, and small enough for a keychain entry of several stops.
 */
public final class Fingerprints {
    static final int KEY_BYTES = 32;
    private static final int KEPT_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Fingerprints(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A fingerprint key has " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The fingerprint of one value of {@code credentials}' account. */
    public String of(UpstoxCredentials credentials, CredentialField field) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac("value", field.name(), credentials.mobileNumber(), credentials.toFields().get(field)));
    }

    /** The fingerprints of these fields' values. */
    public Map<CredentialField, String> of(UpstoxCredentials credentials, Set<CredentialField> fields) {
        Map<CredentialField, String> fingerprints = new EnumMap<>(CredentialField.class);
        fields.forEach(field -> fingerprints.put(field, of(credentials, field)));
        return fingerprints;
    }

    /** True when every value the stop holds is the one in {@code credentials}. */
    public boolean holds(Stop stop, UpstoxCredentials credentials) {
        return stop.fingerprints().entrySet().stream().allMatch(rejected -> MessageDigest.isEqual(
                rejected.getValue().getBytes(StandardCharsets.US_ASCII),
                of(credentials, rejected.getKey()).getBytes(StandardCharsets.US_ASCII)));
    }

    /** A name for the Upstox account (the mobile number) that does not show the number. */
    String account(String mobileNumber) {
        return HexFormat.of().formatHex(mac("account", mobileNumber));
    }

    /** Each part ends with a 0 byte, so that no two lists of parts give the same input. */
    private byte[] mac(String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (String part : parts) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) 0);
            }
            return Arrays.copyOf(mac.doFinal(), KEPT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "Fingerprints[key masked]";
    }
}
