package dev.tokentray.ui.follow;

import dev.tokentray.follow.FollowException;
import dev.tokentray.follow.FollowedAccount;
import dev.tokentray.follow.FollowedProfiles;
import dev.tokentray.follow.RedisFollow;
import dev.tokentray.follow.RedisTokens;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.redis.RedisConnector;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.renew.ChangeMarks;
import dev.tokentray.renew.LoginHistory;
import dev.tokentray.renew.Scheduler;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.vault.KeychainException;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.SecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The tray app's side of an account it follows in Redis: making it, and its Renew now. */
public final class Following {
    private Following() {}

    /** The profile's account, when the profile follows Redis (`follow`); not started. */
    public static Optional<FollowedAccount> of(Profile profile, SettingsFile settings, SecretStore keychain,
            Path stateFolder, Clock clock, Scheduler scheduler) {
        Optional<RedisFollow> follow = new FollowedProfiles(settings).of(profile);
        if (follow.isEmpty()) {
            return Optional.empty();
        }
        RedisConnector connector = new RedisConnector(new RedisPasswords(keychain));
        LoginHistory history = new LoginHistory(stateFolder.resolve("history.jsonl"), clock,
                new ChangeMarks(stateFolder)::mark);
        return Optional.of(new FollowedAccount(profile, new RedisTokens(follow.get(), connector, clock), connector,
                history, clock, Thread.ofPlatform().name("redis-follower-" + profile).daemon().factory(), scheduler));
    }

    /** Renew now of a followed account: asks its renewer through Redis. Slow (a connection): off the FX thread. */
    public static Notice renewNow(FollowedAccount account) {
        try {
            long heard = account.requestRenewal();
            return heard == 0
                    ? Notice.error("No renewer listens on " + account.follow().renewRequestChannel() + ": start `run"
                            + " --headless --redis URL` on the machine that renews " + account.follow().userId() + ".")
                    : Notice.info("Asked the machine that renews " + account.follow().userId() + " for a new token;"
                            + " it shows here once it is in Redis.");
        } catch (FollowException | KeychainException e) {
            return Notice.error("Could not ask for a new token: " + e.getMessage());
        }
    }
}
