package dev.tokentray.renew;

import dev.tokentray.platform.OwnerOnly;
import dev.tokentray.vault.ObservedSecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the processes of one user tell each other that something changed: every process that
 * changes a profile's keychain entries or history rewrites a small file named after the profile
 * in the state folder's {@code changes/} ({@value #STOPS} for the stops, which every profile of an
 * account shares), and the tray app and the headless renewer watch that folder and plan anew. The
 * watch is the OS's own (inotify on Linux): it costs nothing while nothing changes. The files
 * hold no secret, only who changed them.
 */
public final class ChangeMarks {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeMarks.class);
    /** The mark of the stops, which {@link dev.tokentray.vault.StopVault} keeps under {@code _stops/}. */
    static final String STOPS = "_stops";

    private final Path folder;

    public ChangeMarks(Path stateFolder) {
        this.folder = stateFolder.resolve("changes");
    }

    /** The keychain, marking each entry it changes with the profile it belongs to (or the stops). */
    public SecretStore observing(SecretStore keychain) {
        return new ObservedSecretStore(keychain, account -> mark(account.substring(0, Math.max(0, account.indexOf('/')))));
    }

    /** Marks a change of the profile (or the stops); a failure to mark is logged, never thrown. */
    public void mark(String name) {
        try {
            Path file = OwnerOnly.file(OwnerOnly.directories(folder).resolve(name));
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not mark a change of {}: {}", name, e.getMessage());
        }
    }

    /** A watch that runs until closed. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Calls {@code changed} each time a process marks a change of the profile or of the stops (its
     * own changes included: planning anew is harmless), on the one thread that watches the folder
     * for all of this process's accounts ({@link SharedFolderWatch}).
     *
     * @throws IOException when the OS refuses a watch (too many of them, say); the renewal then
     *                     notices others' changes only at its next planning
     */
    public Watch watch(Profile profile, Runnable changed) throws IOException {
        return SharedFolderWatch.listen(OwnerOnly.directories(folder), Set.of(profile.name(), STOPS), changed);
    }
}
