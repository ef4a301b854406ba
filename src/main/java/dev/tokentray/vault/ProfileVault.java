package dev.tokentray.vault;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.UpstoxCredentials;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app keeps of one profile in the keychain: the credentials and the token, as two
 * entries, so that renewing the token never rewrites the credentials; and the {@link StopVault}
 * of its account. Nothing of it goes to a file.
 */
public final class ProfileVault {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileVault.class);

    private final SecretStore store;
    private final Profile profile;
    private final StopVault stops;

    public ProfileVault(SecretStore store, Profile profile) {
        this.store = store;
        this.profile = profile;
        this.stops = new StopVault(store);
    }

    public Profile profile() {
        return profile;
    }

    /**
     * @throws KeychainException also when an entry exists that this app cannot read (written by a
     *     newer version, or damaged), so that it is never overwritten unseen
     */
    public Optional<UpstoxCredentials> credentials() throws KeychainException {
        Optional<String> entry = store.read(credentialsAccount());
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EntryCodec.credentials(entry.get()).orElseThrow(() -> new KeychainException(
                KeychainException.Reason.FAILED,
                "The credentials of profile '" + profile + "' in the keychain cannot be read (written by a newer"
                        + " version of the app, or damaged): enter them again.",
                null)));
    }

    public boolean hasCredentials() throws KeychainException {
        return store.read(credentialsAccount()).isPresent();
    }

    /**
     * Stores the credentials in place of the old ones. When they are another account's (another
     * mobile number or API key), the old account's token goes too: it is not this login's token.
     */
    public void saveCredentials(UpstoxCredentials credentials) throws KeychainException {
        Optional<UpstoxCredentials> old = store.read(credentialsAccount()).flatMap(EntryCodec::credentials);
        store.write(credentialsAccount(), EntryCodec.encode(credentials));
        if (old.isPresent() && !sameAccount(old.get(), credentials)) {
            store.delete(tokenAccount());
        }
    }

    private static boolean sameAccount(UpstoxCredentials a, UpstoxCredentials b) {
        return a.mobileNumber().equals(b.mobileNumber()) && a.clientId().equals(b.clientId());
    }

    /** The stored token; one that cannot be read counts as none, since a login replaces it. */
    public Optional<AccessToken> token() throws KeychainException {
        Optional<String> entry = store.read(tokenAccount());
        Optional<AccessToken> token = entry.flatMap(EntryCodec::token);
        if (entry.isPresent() && token.isEmpty()) {
            LOG.warn("The token entry of profile '{}' cannot be read; it counts as missing", profile);
        }
        return token;
    }

    /** Replaces the token entry as a whole, so that a crash mid-write leaves the old one. */
    public void saveToken(AccessToken token) throws KeychainException {
        store.write(tokenAccount(), EntryCodec.encode(token));
    }

    /** The stops of the profile's Upstox account, which its credentials and {@link #forget} leave alone. */
    public StopVault stops() {
        return stops;
    }

    /** Removes the profile's credentials and token; the stops stay, since they belong to the account. */
    public void forget() throws KeychainException {
        store.delete(tokenAccount());
        store.delete(credentialsAccount());
    }

    private String credentialsAccount() {
        return profile + "/credentials";
    }

    private String tokenAccount() {
        return profile + "/token";
    }
}
