package dev.tokentray.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Start at login on Linux and the BSDs: a desktop entry in {@code $XDG_CONFIG_HOME/autostart},
 * which GNOME, KDE, Xfce and the others start at login (the XDG Autostart specification).
 */
public final class XdgAutostart implements StartAtLogin {
    static final String FILE_NAME = "upstox-token-tray.desktop";
    /** The Desktop Entry specification's reserved characters: an argument holding one is quoted. */
    private static final Pattern SWITCHED_OFF =
            Pattern.compile("^\\s*(Hidden\\s*=\\s*true|X-GNOME-Autostart-enabled\\s*=\\s*false)\\s*$");
    private static final Pattern RESERVED = Pattern.compile("[\\s\"'\\\\><~|&;$*?#()`]");

    private final Path file;

    /** @param configHome {@code $XDG_CONFIG_HOME}, or {@code ~/.config} where it is not set */
    public XdgAutostart(Path configHome) {
        this.file = configHome.resolve("autostart").resolve(FILE_NAME);
    }

    @Override
    public boolean supported() {
        return true;
    }

    /** Desktop settings switch an entry off in the file itself, without removing it: that counts as off. */
    @Override
    public boolean enabled() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().noneMatch(SWITCHED_OFF.asPredicate());
        } catch (IOException e) {
            return false; // no entry, or one that cannot be read: the desktop does not start it either
        }
    }

    @Override
    public void enable(List<String> command) throws IOException {
        try {
            OwnerOnly.write(file, entry(command).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("Could not write the autostart entry " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void disable() throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IOException("Could not remove the autostart entry " + file + ": " + e.getMessage(), e);
        }
    }

    /** The desktop entry; TryExec lets the desktop skip it quietly once the app is uninstalled. */
    static String entry(List<String> command) {
        return """
                [Desktop Entry]
                Type=Application
                Name=Upstox Token Tray
                Comment=Keeps the Upstox API access token valid; starts in the tray
                TryExec=%s
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(escapeString(command.getFirst()), exec(StartAtLogin.hidden(command)));
    }

    /**
     * The Exec value: each argument quoted where the specification asks, with {@code "`$\} escaped
     * inside the quotes and {@code %} doubled (it starts field codes); then the whole as a string
     * value, whose own escaping doubles the backslashes once more.
     */
    static String exec(List<String> arguments) {
        return escapeString(arguments.stream().map(XdgAutostart::quote).collect(Collectors.joining(" ")))
                .replace("%", "%%");
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && !RESERVED.matcher(argument).find()) {
            return argument;
        }
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$") + '"';
    }

    /** A string value: backslashes and control characters escaped, so that the line stays one line. */
    private static String escapeString(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}
