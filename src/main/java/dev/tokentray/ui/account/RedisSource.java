package dev.tokentray.ui.account;

import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.FollowedAccount;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.RenewalListener;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.vault.KeychainException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An account whose token another machine renews and puts in Redis: its token, read there as it
 * changes ({@link FollowedAccount}). It holds no credentials and never logs in; its Renew now asks
 * that machine's renewer ({@link #askRenewal}).
 */
public final class RedisSource implements TokenSource {
    private final FollowedAccount followed;
    private final FollowedProfiles profiles;

    /** @param profiles where the settings say what the account follows: {@link #stopFollowing} forgets it there */
    public RedisSource(FollowedAccount followed, FollowedProfiles profiles) {
        this.followed = followed;
        this.profiles = profiles;
    }

    @Override
    public void addListener(RenewalListener listener) {
        followed.addListener(listener);
    }

    @Override
    public void start() {
        followed.start();
    }

    @Override
    public Optional<OwnRenewal> ownRenewal() {
        return Optional.empty();
    }

    @Override
    public Optional<RedisSource> followed() {
        return Optional.of(this);
    }

    @Override
    public List<Attempt> attempts() {
        return followed.attempts();
    }

    /**
     * Renew now: asks the machine that renews the account, through Redis, and says what came of it.
     * Slow (a connection): never on the FX thread.
     */
    public Notice askRenewal() {
        RedisFollow follow = followed.follow();
        try {
            long heard = followed.requestRenewal();
            return heard == 0
                    ? Notice.error("No renewer listens on " + follow.renewRequestChannel() + ": start `run --headless"
                            + " --redis URL` on the machine that renews " + follow.userId() + ".")
                    : Notice.info("Asked the machine that renews " + follow.userId() + " for a new token; it shows here"
                            + " once it is in Redis.");
        } catch (FollowException | KeychainException e) {
            return Notice.error("Could not ask for a new token: " + e.getMessage());
        }
    }

    /** The account is removed: its profile follows nothing any more (the Redis password stays, for other uses). */
    public void stopFollowing() throws IOException {
        profiles.remove(followed.profile());
    }

    @Override
    public void close() {
        followed.close();
    }
}
