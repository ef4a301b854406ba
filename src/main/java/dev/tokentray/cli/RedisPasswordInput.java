package dev.tokentray.cli;

import dev.tokentray.redis.RedisAddress;
import dev.tokentray.redis.RedisPasswords;
import dev.tokentray.token.Secret;
import java.io.Console;
import java.io.IOException;
import java.util.Optional;

/** A Redis password the trader gives a command: never an option's value, which any user could read in `ps`. */
final class RedisPasswordInput {
    private RedisPasswordInput() {}

    /** From stdin with {@code --password-stdin} (asked, not shown, at a terminal), else the REDISCLI_AUTH variable. */
    static Optional<Secret> given(CliEnvironment environment, RedisAddress address, boolean fromStdin) throws IOException {
        return OutputsCommand.password(fromStdin, RedisPasswords.VARIABLE, environment, prompt(address));
    }

    /** Asked, not shown, when a person is at a terminal; empty otherwise, or when nothing was typed. */
    static Optional<Secret> atTerminal(RedisAddress address) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return Optional.empty();
        }
        char[] entered = console.readPassword("%s", prompt(address));
        return entered == null || entered.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(entered)));
    }

    private static String prompt(RedisAddress address) {
        return "Password of " + address.userOrDefault() + " at " + address.host() + ": ";
    }
}
