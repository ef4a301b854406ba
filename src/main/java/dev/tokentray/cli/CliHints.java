package dev.tokentray.cli;

import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.Refusal;
import dev.tokentray.token.TimeText;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.vault.NoCredentialsException;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.Stop;
import java.util.Optional;

/**
 * What to do, in the command line's words: the commands and variables to use. The failures
 * themselves say what happened; the tray app says what to do with its own buttons.
 */
final class CliHints {
    private CliHints() {}

    /** Values a stop holds for, met by {@code setup}: refused before anything is stored or sent. */
    static LoginRefusedException rejectedBefore(Stop stop) {
        return new LoginRefusedException(new Refusal(FailureKind.CREDENTIALS, "Upstox rejected these values at "
                + TimeText.ist(stop.time()) + ": " + stop.message(), Optional.of(stop.id())));
    }

    /** " --profile NAME" for a command line about {@code profile}; nothing for the default one. */
    static String profileOption(Profile profile) {
        return profile.equals(Profile.DEFAULT) ? "" : " --profile " + profile;
    }

    /**
     * What to do after {@code failure} of {@code command}, when there is something to say; the
     * commands it names are about {@code profile}, the one the failed command was about.
     */
    static Optional<String> after(Throwable failure, String command, Profile profile) {
        boolean setup = command.equals("setup");
        String option = profileOption(profile);
        Optional<String> rejected = switch (failure) {
            case LoginException login when login.failure().kind() == FailureKind.CREDENTIALS -> Optional.of(
                    login.failure().field().map(field -> "Correct " + field.environmentVariable())
                            .orElse("Unlock the account with Upstox"));
            case LoginRefusedException refused when refused.refusal().rejectionId().isPresent() ->
                    Optional.of("Correct the rejected value");
            default -> Optional.empty();
        };
        if (rejected.isPresent()) {
            return Optional.of(setup
                    ? "Nothing was stored. " + rejected.get() + " and run `upstox-token-tray setup --from-env" + option
                            + "` again; if you are sure the values are right, add --retry-rejected to send them once more."
                    : rejected.get() + " and store it with `upstox-token-tray setup --from-env" + option + "`; if you"
                            + " are sure the values are right, `upstox-token-tray refresh --retry-rejected" + option
                            + "` sends them once more.");
        }
        if (failure instanceof NoCredentialsException none) {
            return Optional.of("Store them with `upstox-token-tray setup --from-env" + profileOption(none.profile()) + "`.");
        }
        if (setup && failure instanceof LoginException) {
            return Optional.of("Nothing was stored. On a machine without network now, `upstox-token-tray setup"
                    + " --from-env --no-test" + option + "` stores the values without a login.");
        }
        return Optional.empty();
    }
}
