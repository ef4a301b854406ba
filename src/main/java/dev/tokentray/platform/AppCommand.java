package dev.tokentray.platform;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The command that starts this app again, for starting it at login. */
public final class AppCommand {

    private AppCommand() {}

    /**
     * The installed launcher when jpackage's launcher started the app, else {@code java -jar} with
     * the app's jar; empty when the app runs from class folders (an IDE, the tests), which no
     * later login could start.
     */
    public static Optional<List<String>> current() {
        return of(Optional.ofNullable(System.getProperty("jpackage.app-path")), Path.of(System.getProperty("java.home")),
                ownJar(), System.getProperty("os.name"));
    }

    static Optional<List<String>> of(Optional<String> launcher, Path javaHome, Optional<Path> codeSource, String osName) {
        if (launcher.isPresent()) {
            return Optional.of(List.of(launcher.get()));
        }
        return codeSource
                .filter(path -> path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path))
                // GTK 3 for both AWT (the tray) and JavaFX, as scripts/run.sh starts it; native
                // access is granted by the jar's manifest.
                .map(jar -> List.of(java(javaHome, osName).toString(), "-Djdk.gtk.version=3", "-jar",
                        jar.toAbsolutePath().toString()));
    }

    /** On Windows javaw, which opens no console window at login. */
    private static Path java(Path javaHome, String osName) {
        Path bin = javaHome.resolve("bin");
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            Path javaw = bin.resolve("javaw.exe");
            return Files.isRegularFile(javaw) ? javaw : bin.resolve("java.exe");
        }
        return bin.resolve("java");
    }

    private static Optional<Path> ownJar() {
        CodeSource source = AppCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a file (a jar inside another, a network location)
        }
    }
}
