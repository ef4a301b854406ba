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
        String typed;
        if (fromStdin) {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                return ask(console, address);
            }
            typed = Optional.ofNullable(environment.in().readLine()).orElse("");
        } else {
            typed = environment.variables().getOrDefault(RedisPasswords.VARIABLE, "");
        }
        return typed.isEmpty() ? Optional.empty() : Optional.of(Secret.of(typed));
    }

    /** Asked, not shown, when a person is at a terminal; empty otherwise, or when nothing was typed. */
    static Optional<Secret> atTerminal(RedisAddress address) {
        Console console = System.console();
        return console == null || !console.isTerminal() ? Optional.empty() : ask(console, address);
    }

    private static Optional<Secret> ask(Console console, RedisAddress address) {
        char[] entered = console.readPassword("Password of %s at %s: ", address.userOrDefault(), address.host());
        return entered == null || entered.length == 0 ? Optional.empty() : Optional.of(Secret.of(new String(entered)));
    }
}
