package dev.tokentray.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starting the app when the trader logs in, the way each desktop does it: an XDG autostart entry,
 * the Windows {@code Run} key, a macOS LaunchAgent. The app then starts with {@value #HIDDEN}, so
 * that it goes straight to the tray. The command comes from {@link AppCommand#current()}.
 */
public interface StartAtLogin {
    /** The app's option for starting in the tray without showing its window. */
    String HIDDEN = "--hidden";

    /** The way of this computer's desktop. */
    static StartAtLogin forCurrentUser() {
        return of(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv());
    }

    static StartAtLogin of(String osName, Path home, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsRunKey(CommandRunner.bounded(WindowsRunKey.REG_TIMEOUT));
        }
        if (os.startsWith("mac")) {
            return new MacLaunchAgent(home.resolve("Library").resolve("LaunchAgents"));
        }
        // Every other desktop (Linux, the BSDs) follows XDG; AppDirs knows where its config home is.
        return new XdgAutostart(AppDirs.of(osName, home, environment).config().getParent());
    }

    /** False where this desktop offers no way to start programs at login. */
    boolean supported();

    /** Whether the app starts at login now; false when that cannot be told. */
    boolean enabled();

    /**
     * From the next login on, starts {@code command} with {@value #HIDDEN}.
     *
     * @param command the program and its arguments, as {@link AppCommand#current()} gives them
     * @throws IOException with a message fit for the trader, when the entry cannot be written
     */
    void enable(List<String> command) throws IOException;

    /** No more start at login; nothing happens when it was off. */
    void disable() throws IOException;

    /** The command as it runs at login. */
    static List<String> hidden(List<String> command) {
        return Stream.concat(command.stream(), Stream.of(HIDDEN)).toList();
    }
}
