package dev.tokentray.follow;

import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes a profile follow Redis, for {@code follow} and the tray app's "Follow a token in Redis":
 * the server is asked first, with the password given; a password it refuses is never stored, and
 * the profile follows nothing then. A server that cannot be reached now is followed anyway (it is
 * read once it can be), and the caller is told.
 */
public final class FollowSetup {
    private final RedisPasswords passwords;
    private final FollowedProfiles profiles;
    private final Clock clock;

    /**
     * What the server said.
     *
     * @param token       the token there now, if any
     * @param unreachable why the server could not be asked now, when it could not
     */
    public record Checked(Optional<AccessToken> token, Optional<String> unreachable) {}

    public FollowSetup(RedisPasswords passwords, FollowedProfiles profiles, Clock clock) {
        this.passwords = passwords;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * @param password empty to use the keychain's (or none, for a server that wants none)
     * @throws FollowException when the server refused the user, the password or the reads: nothing is stored
     */
    public Checked follow(Profile profile, RedisFollow follow, Optional<Secret> password)
            throws FollowException, KeychainException, IOException {
        Optional<Secret> checkedWith = password.isPresent() ? password : passwords.read(follow.address());
        Checked checked;
        try {
            checked = new Checked(FollowedRedis.withPassword(follow, checkedWith, clock).read(), Optional.empty());
        } catch (FollowException e) {
            if (e.refused()) {
                throw e;
            }
            checked = new Checked(Optional.empty(), Optional.of(e.getMessage()));
        }
        if (password.isPresent()) {
            passwords.save(follow.address(), password.get());
        }
        profiles.save(profile, follow);
        return checked;
    }
}
