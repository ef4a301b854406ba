package dev.tokentray.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The app's per-user folders: settings in {@code config}; logs, history and locks in {@code state}.
 * XDG on Linux (honouring {@code XDG_CONFIG_HOME} and {@code XDG_STATE_HOME}), {@code %APPDATA%}
 * on Windows, {@code ~/Library} on macOS. Nothing secret is ever written to either.
 */
public record AppDirs(Path config, Path state) {
    static final String LINUX_NAME = "upstox-token-tray";
    static final String DISPLAY_NAME = "Upstox Token Tray";

    public static AppDirs forCurrentUser() {
        return of(System.getProperty("os.name"), Path.of(System.getProperty("user.home")), System.getenv());
    }

    public static AppDirs of(String osName, Path home, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path appData = variable(environment, "APPDATA").orElse(home.resolve("AppData").resolve("Roaming"));
            Path folder = appData.resolve(DISPLAY_NAME);
            return new AppDirs(folder, folder.resolve("state"));
        }
        if (os.startsWith("mac")) {
            Path folder = home.resolve("Library").resolve("Application Support").resolve(DISPLAY_NAME);
            return new AppDirs(folder, folder.resolve("state"));
        }
        Path config = variable(environment, "XDG_CONFIG_HOME").orElse(home.resolve(".config"));
        Path state = variable(environment, "XDG_STATE_HOME").orElse(home.resolve(".local").resolve("state"));
        return new AppDirs(config.resolve(LINUX_NAME), state.resolve(LINUX_NAME));
    }

    /** XDG says a relative path in these variables is invalid and must be ignored. */
    private static Optional<Path> variable(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .filter(Path::isAbsolute);
    }

    public Path logs() {
        return state.resolve("logs");
    }

    /**
     * Creates both folders owner-only where they are missing, and makes them owner-only where they
     * are not (an older version, or a umask, left them readable by others).
     *
     * @throws FolderOfAnotherUserException when one belongs to another user
     */
    public AppDirs create() throws IOException {
        return create(System.getProperty("user.name"));
    }

    /** As {@link #create()}, for the user named {@code user}. */
    AppDirs create(String user) throws IOException {
        for (Path folder : List.of(config, state)) {
            OwnerOnly.directories(folder);
            OwnerOnly.claim(folder, user);
        }
        return this;
    }
}
