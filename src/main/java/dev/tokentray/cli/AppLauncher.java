package dev.tokentray.cli;

import dev.tokentray.vault.Profile;

/** Starts the tray app; the CLI knows nothing of the UI beyond this. */
@FunctionalInterface
public interface AppLauncher {
    void launch(Profile profile);
}
