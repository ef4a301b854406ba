package dev.tokentray.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Start at login on Windows: a value in the user's {@code Run} key, through {@code reg.exe}.
 *
 * <p>The value is written with {@code reg import} from a small {@code .reg} file rather than with
 * {@code reg add /d}: the command line holds quotes (the path has spaces), and Java's quoting of
 * a process argument with quotes inside differs between JDK versions, while the {@code .reg}
 * format says exactly how to escape them.
 */
public final class WindowsRunKey implements StartAtLogin {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE_NAME = "Upstox Token Tray";
    static final Duration REG_TIMEOUT = Duration.ofSeconds(15);

    private final CommandRunner commands;

    WindowsRunKey(CommandRunner commands) {
        this.commands = commands;
    }

    /** {@code reg.exe} ships with every Windows. */
    @Override
    public boolean supported() {
        return true;
    }

    @Override
    public boolean enabled() {
        try {
            return commands.run(List.of("reg.exe", "query", KEY, "/v", VALUE_NAME)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void enable(List<String> command) throws IOException {
        Path file = Files.createTempFile("upstox-token-tray-", ".reg");
        try {
            Files.writeString(file, regFile(StartAtLogin.hidden(command)), StandardCharsets.UTF_16LE);
            int exit = commands.run(List.of("reg.exe", "import", file.toString()));
            if (exit != 0) {
                throw new IOException("Windows did not let the app add itself to the programs that start at login"
                        + " (reg.exe import ended with " + exit + ")");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void disable() throws IOException {
        int exit = commands.run(List.of("reg.exe", "delete", KEY, "/v", VALUE_NAME, "/f"));
        if (exit != 0 && enabled()) {
            throw new IOException("Windows did not let the app remove itself from the programs that start at login"
                    + " (reg.exe delete ended with " + exit + ")");
        }
    }

    /**
     * A registry file that sets the value: UTF-16LE with a byte order mark, as {@code reg import}
     * reads version 5.00 files, and CRLF line ends.
     */
    static String regFile(List<String> command) {
        return "\uFEFFWindows Registry Editor Version 5.00\r\n\r\n"
                + "[" + KEY.replace("HKCU", "HKEY_CURRENT_USER") + "]\r\n"
                + regString(VALUE_NAME) + "=" + regString(commandLine(command)) + "\r\n";
    }

    private static String regString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The arguments as one command line that Windows programs split back the same (CommandLineToArgvW's rules). */
    static String commandLine(List<String> arguments) {
        return arguments.stream().map(WindowsRunKey::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            // Backslashes are literal, except before a quote: there they are doubled, and the quote escaped.
            quoted.repeat("\\", c == '"' ? backslashes * 2 + 1 : backslashes).append(c);
            backslashes = 0;
        }
        // Before the closing quote, trailing backslashes are doubled too.
        return quoted.repeat("\\", backslashes * 2).append('"').toString();
    }
}
