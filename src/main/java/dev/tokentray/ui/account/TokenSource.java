package dev.tokentray.ui.account;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.RenewalListener;
import java.util.List;
import java.util.Optional;

/**
 * Where an account's token comes from, as the desktop app sees it: it tells its listeners each
 * new state and event, on a thread of its own: an account renews its own token ({@link OwnRenewal}),
 * or follows a token another machine renews into Redis ({@link RedisSource}), without a renewal of
 * its own, and so without its actions but Renew now, which asks that machine.
 */
public interface TokenSource {

    /** Hears every state and event from now on, on the source's thread. */
    void addListener(RenewalListener listener);

    /** Reads the first state and keeps the token up to date from now on. */
    void start();

    /** The renewal of this account's own, when the app logs in for it. */
    Optional<OwnRenewal> ownRenewal();

    /** The account another machine renews, when this one only follows it in Redis. */
    Optional<RedisSource> followed();

    /** The account's login attempts of the last 90 days, oldest first; slow (a file), never on the FX thread. */
    List<Attempt> attempts();

    /** Stops at once; a login in flight is interrupted, which leaves the stored token as it was. */
    void close();
}
