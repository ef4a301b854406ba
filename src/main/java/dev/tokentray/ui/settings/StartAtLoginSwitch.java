package dev.tokentray.ui.settings;

import dev.tokentray.platform.StartAtLogin;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starting the app when the trader logs in to the desktop (XDG autostart, Windows Run key, macOS
 * LaunchAgent), as the settings window sees it. The platform part implements it; the window hides
 * its check box where {@link #supported()} is false.
 */
public interface StartAtLoginSwitch {
    /** For desktops where the app cannot start itself at login. */
    StartAtLoginSwitch UNSUPPORTED = new StartAtLoginSwitch() {
        @Override
        public boolean supported() {
            return false;
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void set(boolean enabled) {
            throw new UnsupportedOperationException("Start at login is not supported on this desktop");
        }
    };

    /**
     * The platform's way ({@code StartAtLogin.forCurrentUser()}) with the command that starts this app
     * ({@code AppCommand.current()}); unsupported when that command is unknown (run from an IDE, say).
     */
    static StartAtLoginSwitch of(StartAtLogin platform, Optional<List<String>> command) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(command, "command");
        return new StartAtLoginSwitch() {
            @Override
            public boolean supported() {
                return command.isPresent() && platform.supported();
            }

            @Override
            public boolean enabled() {
                return platform.enabled();
            }

            @Override
            public void set(boolean enabled) throws IOException {
                if (!enabled) {
                    platform.disable();
                    return;
                }
                platform.enable(command.orElseThrow(() -> new IOException(
                        "the app cannot tell the command that started it, so it cannot start itself at login")));
            }
        };
    }

    boolean supported();

    boolean enabled();

    /** @throws Exception with a message fit for the trader, when the entry cannot be written or removed */
    void set(boolean enabled) throws Exception;
}
