package dev.tokentray.cli;

import dev.tokentray.vault.Profile;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class CommonOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "The credentials and token to use (default: ${DEFAULT-VALUE}).")
    String profile = Profile.DEFAULT.name();

    @Option(names = "--verbose", description = "Also log to stderr, with details of each login step.")
    boolean verbose;

    Profile profile() {
        return new Profile(profile);
    }
}
