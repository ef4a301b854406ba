package dev.tokentray.vault;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The stops of each Upstox account in the keychain, shared by every profile with the account's
 * mobile number, so that neither {@code forget} nor another profile lifts them: one entry per
 * account, named by a fingerprint of the mobile number ({@code _stops/…}), and one entry with the
 * fingerprints' key ({@code _stops/key}), made on first use. Profile names cannot begin with
 * {@code _}, so no profile's entries meet these. Nothing of it goes to a file.
 */
public final class StopVault {
    static final String PREFIX = "_stops/";
    static final String KEY_ENTRY = PREFIX + "key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretStore store;
    private volatile Fingerprints fingerprints;

    public StopVault(SecretStore store) {
        this.store = store;
    }

    /** The fingerprints, once their key exists; none before the first stop was ever made. */
    public Optional<Fingerprints> fingerprints() throws KeychainException {
        if (fingerprints == null) {
            Optional<String> key = store.read(KEY_ENTRY);
            if (key.isPresent()) {
                fingerprints = new Fingerprints(decodeKey(key.get()));
            }
        }
        return Optional.ofNullable(fingerprints);
    }

    /**
     * The fingerprints, with a new key when there is none. Two processes that made a key each
     * would lose the stops made with the first: call it only under a lock that all processes share.
     */
    public Fingerprints fingerprintsMadeOnFirstUse() throws KeychainException {
        Optional<Fingerprints> existing = fingerprints();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[Fingerprints.KEY_BYTES];
        RANDOM.nextBytes(key);
        store.write(KEY_ENTRY, Base64.getEncoder().encodeToString(key));
        fingerprints = new Fingerprints(key);
        return fingerprints;
    }

    /**
     * The account's stops, newest first.
     *
     * @throws KeychainException also when the entry cannot be read (a newer app wrote it, or it is
     *     damaged): a stop that cannot be read must not count as none
     */
    public List<Stop> read(Fingerprints fingerprints, String mobileNumber) throws KeychainException {
        Optional<String> entry = store.read(entry(fingerprints, mobileNumber));
        if (entry.isEmpty()) {
            return List.of();
        }
        return EntryCodec.stops(entry.get()).orElseThrow(() -> new KeychainException(KeychainException.Reason.FAILED,
                "The record of the values Upstox rejected cannot be read from the keychain (written by a newer"
                        + " version of the app, or damaged), so the app makes no login until it can.", null));
    }

    /**
     * Replaces the account's stops, newest first. The entry keeps as many as fit under the
     * keychain's size limit, dropping the oldest; with none, the entry goes.
     */
    public void write(Fingerprints fingerprints, String mobileNumber, List<Stop> stops) throws KeychainException {
        String account = entry(fingerprints, mobileNumber);
        if (stops.isEmpty()) {
            store.delete(account);
        } else {
            store.write(account, EntryCodec.encode(stops));
        }
    }

    private static String entry(Fingerprints fingerprints, String mobileNumber) {
        return PREFIX + fingerprints.account(mobileNumber);
    }

    private static byte[] decodeKey(String entry) throws KeychainException {
        try {
            byte[] key = Base64.getDecoder().decode(entry.strip());
            if (key.length == Fingerprints.KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // handled below, without quoting the entry
        }
        throw new KeychainException(KeychainException.Reason.FAILED, "The key of the app's record of rejected values"
                + " in the keychain is damaged, so the app makes no login until it can read it.", null);
    }
}
