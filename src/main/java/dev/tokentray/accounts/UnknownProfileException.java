package dev.tokentray.accounts;

import dev.tokentray.vault.Profile;
import java.util.List;
import java.util.stream.Collectors;

/** A command named a profile that is no account of the app: nothing of another account may stand in for it. */
public final class UnknownProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownProfileException(Profile asked, List<Profile> known) {
        super("There is no account '" + asked + "'. " + (known.isEmpty() ? "No account is set up yet."
                : "The accounts are: " + known.stream().map(Profile::name).collect(Collectors.joining(", ")) + ".")
                + " Add it with `upstox-token-tray setup --from-env --profile " + asked + "`, or in the app's window.");
    }
}
