package dev.tokentray.renew;

import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginListener;
import dev.tokentray.upstox.LoginResult;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.ProfileVault;
import java.time.Clock;
import java.util.Optional;

/** Gets a profile a valid token: the stored one while it lasts, else a new one from a login. */
public final class Renewer {
    private final ProfileVault vault;
    private final UpstoxLoginClient client;
    private final Clock clock;

    public Renewer(ProfileVault vault, UpstoxLoginClient client, Clock clock) {
        this.vault = vault;
        this.client = client;
        this.clock = clock;
    }

    /** The stored token while it is usable; else logs in, stores the new token and returns it. */
    public AccessToken validToken() throws LoginException, KeychainException, NoCredentialsException, InterruptedException {
        Optional<AccessToken> stored = vault.token();
        if (stored.isPresent() && stored.get().stateAt(clock.instant()).usable()) {
            return stored.get();
        }
        return renew(LoginListener.NONE).token();
    }

    /** Logs in now; the new token replaces the stored one only once it has been received in full. */
    public LoginResult renew(LoginListener listener)
            throws LoginException, KeychainException, NoCredentialsException, InterruptedException {
        var credentials = vault.credentials().orElseThrow(() -> new NoCredentialsException(vault.profile()));
        LoginResult result = client.login(credentials, listener);
        vault.saveToken(result.token());
        return result;
    }
}
