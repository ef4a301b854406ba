package dev.tokentray.launch;

import dev.tokentray.vault.Profile;
import java.util.Optional;

/**
 * How the tray app is to start: what the command line asked, handed to the desktop app, which
 * knows nothing of the command line beyond this.
 *
 * @param demo    against the built-in simulator, with demo accounts of their own
 * @param hidden  straight to the tray, as at login (only where a tray exists)
 * @param account the account to show first, when {@code --profile} named one
 */
public record AppStart(boolean demo, boolean hidden, Optional<Profile> account) {

    /** The single-instance guard's name: one normal app and one demo app per user. */
    public String instanceName() {
        return demo ? Profile.DEMO.name() : Profile.DEFAULT.name();
    }
}
