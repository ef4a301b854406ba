package dev.tokentray.renew;

import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.Fingerprints;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Stop;
import dev.tokentray.vault.StopVault;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The values Upstox rejected, by Upstox account: a stop belongs to the rejected value, not to a
 * save or a profile, so re-saving the same values, {@code forget} and a new setup, or another
 * profile with the same mobile number, all meet it. It holds while the values are the rejected
 * ones, and goes when a login works (with other values, or a retry the trader confirmed).
 *
 * <p>Stops are written under a lock all processes share, so that two processes never make two
 * fingerprint keys (the stops made with the first would be lost) or overwrite each other's stop.
 */
public final class RejectionStops {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StopVault vault;
    private final LoginLock lock;
    private final Clock clock;

    public RejectionStops(StopVault vault, LoginLock lock, Clock clock) {
        this.vault = vault;
        this.lock = lock;
        this.clock = clock;
    }

    /** The newest stop that holds for these values, if one does. */
    public Optional<Stop> holding(UpstoxCredentials credentials) throws KeychainException {
        return holding(credentials, EnumSet.allOf(CredentialField.class));
    }

    /**
     * The newest stop that holds for these values and bears on a login that sends only {@code
     * sent}: one that names any of them. A locked account's stop names none: it bears on the
     * login that sends the PIN, which is what locked it.
     */
    public Optional<Stop> holding(UpstoxCredentials credentials, Set<CredentialField> sent) throws KeychainException {
        Optional<Fingerprints> fingerprints = vault.fingerprints();
        if (fingerprints.isEmpty()) {
            return Optional.empty(); // no stop was ever made on this keychain
        }
        return vault.read(fingerprints.get(), credentials.mobileNumber()).stream()
                .filter(stop -> bears(stop, sent))
                .filter(stop -> fingerprints.get().holds(stop, credentials))
                .findFirst();
    }

    /** Whether a login that sends {@code sent} must heed {@code stop}: it names one of them, or the login sends all. */
    private static boolean bears(Stop stop, Set<CredentialField> sent) {
        return sent.containsAll(EnumSet.allOf(CredentialField.class)) || stop.fields().stream().anyMatch(sent::contains);
    }

    /**
     * Records that Upstox rejected these values (or may have: {@link LoginFailure#unclear()}). It
     * replaces the stops that held for them and bear on what the login sent ({@code sent}): the
     * login got past those, so they were the rejection a confirmed retry answered. The others
     * stay: an approval request that sends the API key and secret got past no stop of the PIN.
     *
     * @param failure a {@link dev.tokentray.upstox.FailureKind#CREDENTIALS} failure
     */
    public Stop record(UpstoxCredentials credentials, Set<CredentialField> sent, LoginFailure failure)
            throws KeychainException, IOException, InterruptedException, LoginRefusedException {
        try (LoginLock.Held held = lock.acquireStops()) {
            Fingerprints fingerprints = vault.fingerprintsMadeOnFirstUse();
            Set<CredentialField> fields = fieldsOf(failure);
            Stop stop = new Stop(newId(), reasonOf(failure), fingerprints.of(credentials, fields), clock.instant(),
                    failure.step(), failure.message());
            List<Stop> stops = new ArrayList<>(List.of(stop));
            vault.read(fingerprints, credentials.mobileNumber()).stream()
                    .filter(old -> !(bears(old, sent) && fingerprints.holds(old, credentials)))
                    .forEach(stops::add);
            vault.write(fingerprints, credentials.mobileNumber(), stops);
            return stop;
        }
    }

    /**
     * A login that sent {@code sent} of these values worked: the stops it proved wrong go. A login
     * that sent them all (the TOTP login) proves the account: its stops go, those of values it has
     * left behind as well as one the trader's confirmed retry has just proved wrong. One that sent
     * some (an approval request, the API key and secret) proves just those: the stops that hold for
     * them alone go.
     */
    public void lift(UpstoxCredentials credentials, Set<CredentialField> sent)
            throws KeychainException, IOException, InterruptedException, LoginRefusedException {
        Optional<Fingerprints> fingerprints = vault.fingerprints();
        if (fingerprints.isEmpty()) {
            return;
        }
        boolean all = sent.containsAll(EnumSet.allOf(CredentialField.class));
        Predicate<Stop> proved = stop -> all || (!stop.fields().isEmpty() && sent.containsAll(stop.fields())
                && fingerprints.get().holds(stop, credentials));
        if (vault.read(fingerprints.get(), credentials.mobileNumber()).stream().noneMatch(proved)) {
            return; // the common case: one read, no write
        }
        try (LoginLock.Held held = lock.acquireStops()) {
            vault.write(fingerprints.get(), credentials.mobileNumber(),
                    vault.read(fingerprints.get(), credentials.mobileNumber()).stream().filter(proved.negate()).toList());
        }
    }

    /**
     * The values a failure turned down. An API key is judged with what Upstox judged it with: the
     * redirect URI, or the API secret. No field means the whole account (Upstox said it is locked).
     */
    static Set<CredentialField> fieldsOf(LoginFailure failure) {
        return failure.field().map(field -> switch (field) {
            case CLIENT_ID -> EnumSet.of(CredentialField.CLIENT_ID, CredentialField.REDIRECT_URI);
            case CLIENT_SECRET -> EnumSet.of(CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET);
            default -> EnumSet.of(field);
        }).orElseGet(() -> EnumSet.noneOf(CredentialField.class));
    }

    private static Stop.Reason reasonOf(LoginFailure failure) {
        if (failure.field().isEmpty()) {
            return Stop.Reason.ACCOUNT_LOCKED;
        }
        return failure.unclear() ? Stop.Reason.UNCLEAR : Stop.Reason.REJECTED;
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
