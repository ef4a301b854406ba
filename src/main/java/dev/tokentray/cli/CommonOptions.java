package dev.tokentray.cli;

import dev.tokentray.vault.Profile;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes, before the command's name or after it: the top-level help
 * shows {@code upstox-token-tray [--profile NAME] COMMAND}, and scripts write both. Each command
 * has them, and so has the top level; a command reads its own, else the top level's.
 */
final class CommonOptions {
    /** The mixin's name in every command (its field is called so). */
    private static final String MIXIN = "common";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The account (its credentials, token and history) to use (default: default).")
    String profile;

    @Option(names = "--verbose", description = "Also log to stderr, with details of each login step.")
    boolean verbose;

    /** The profile named before or after the command, or {@code default}. */
    Profile profile() {
        return named().orElse(Profile.DEFAULT);
    }

    /**
     * The profile named before or after the command, if one was.
     *
     * @throws IllegalArgumentException when both name one, and not the same
     */
    Optional<Profile> named() {
        Optional<Profile> own = Optional.ofNullable(profile).map(Profile::new);
        Optional<Profile> before = parent().flatMap(CommonOptions::named);
        if (own.isPresent() && before.isPresent() && !own.equals(before)) {
            throw new IllegalArgumentException("--profile is given twice, as '" + before.get() + "' and '" + own.get()
                    + "': give one.");
        }
        return own.or(() -> before);
    }

    boolean verbose() {
        return verbose || parent().map(CommonOptions::verbose).orElse(false);
    }

    /**
     * The options of the nearest enclosing command that has them: the top level's for a command,
     * and for a subcommand's subcommand too ({@code --profile P outputs add file ...}).
     */
    private Optional<CommonOptions> parent() {
        return Optional.ofNullable(mixee).map(CommandSpec::parent).flatMap(CommonOptions::of);
    }

    /** The options of {@code command}, else of the nearest command around it that has them. */
    static Optional<CommonOptions> of(CommandSpec command) {
        for (CommandSpec at = command; at != null; at = at.parent()) {
            CommandSpec mixin = at.mixins().get(MIXIN);
            if (mixin != null) {
                return Optional.of((CommonOptions) mixin.userObject());
            }
        }
        return Optional.empty();
    }
}
