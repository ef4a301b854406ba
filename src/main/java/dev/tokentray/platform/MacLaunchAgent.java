package dev.tokentray.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Start at login on macOS: a LaunchAgent in {@code ~/Library/LaunchAgents}, which launchd starts
 * at each login (RunAtLoad). It is not loaded now: the app already runs.
 */
public final class MacLaunchAgent implements StartAtLogin {
    static final String LABEL = "dev.tokentray.upstox-token-tray";

    private final Path file;

    /** @param launchAgents the user's {@code ~/Library/LaunchAgents} */
    public MacLaunchAgent(Path launchAgents) {
        this.file = launchAgents.resolve(LABEL + ".plist");
    }

    @Override
    public boolean supported() {
        return true;
    }

    @Override
    public boolean enabled() {
        return Files.isRegularFile(file);
    }

    @Override
    public void enable(List<String> command) throws IOException {
        try {
            OwnerOnly.write(file, plist(StartAtLogin.hidden(command)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("Could not write the login item " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void disable() throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IOException("Could not remove the login item " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The agent: run once at login, in the graphical (Aqua) session only, as an interactive
     * process so that macOS does not throttle the app's timers.
     */
    static String plist(List<String> command) {
        String arguments = command.stream()
                .map(argument -> "        <string>" + xml(argument) + "</string>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>%s</string>
                    <key>ProgramArguments</key>
                    <array>
                %s
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>LimitLoadToSessionType</key>
                    <string>Aqua</string>
                    <key>ProcessType</key>
                    <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
