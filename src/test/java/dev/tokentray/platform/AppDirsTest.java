package dev.tokentray.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirsTest {
    private static final Path HOME = Path.of("/home/trader");

    @Test
    void followsXdgOnLinuxAndIgnoresRelativeOverrides() {
        assertThat(AppDirs.of("Linux", HOME, Map.of()))
                .isEqualTo(new AppDirs(Path.of("/home/trader/.config/upstox-token-tray"),
                        Path.of("/home/trader/.local/state/upstox-token-tray")));
        assertThat(AppDirs.of("Linux", HOME, Map.of("XDG_CONFIG_HOME", "/x/config", "XDG_STATE_HOME", "/x/state")))
                .isEqualTo(new AppDirs(Path.of("/x/config/upstox-token-tray"), Path.of("/x/state/upstox-token-tray")));
        assertThat(AppDirs.of("Linux", HOME, Map.of("XDG_STATE_HOME", "relative")).state())
                .isEqualTo(Path.of("/home/trader/.local/state/upstox-token-tray"));
    }

    @Test
    void usesAppDataOnWindowsAndLibraryOnMacOs() {
        AppDirs windows = AppDirs.of("Windows 11", HOME, Map.of("APPDATA", "/c/Users/t/AppData/Roaming"));
        assertThat(windows.config()).isEqualTo(Path.of("/c/Users/t/AppData/Roaming/Upstox Token Tray"));
        assertThat(AppDirs.of("Mac OS X", HOME, Map.of()).config())
                .isEqualTo(Path.of("/home/trader/Library/Application Support/Upstox Token Tray"));
    }

    @Test
    void foldersThatOthersCanReadAreMadeOwnerOnlyAtStart(@TempDir Path temp) throws Exception {
        AppDirs dirs = AppDirs.of("Linux", temp, Map.of());
        Files.createDirectories(dirs.config());
        Files.createDirectories(dirs.state());
        Files.setPosixFilePermissions(dirs.config(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dirs.state(), PosixFilePermissions.fromString("rwxrwxrwx"));

        dirs.create();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dirs.config()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dirs.state()))).isEqualTo("rwx------");
    }

    /**
     * As root the folder is given to another user for real; as any other user the folder is the
     * test's own, and the app runs as another user ("nobody") would.
     */
    @Test
    void aFolderOfAnotherUserIsRefusedWithAClearMessageAndLeftAsItIs(@TempDir Path temp) throws Exception {
        AppDirs dirs = AppDirs.of("Linux", temp, Map.of()).create();
        String me = System.getProperty("user.name");
        boolean root = me.equals("root");
        Path folder = root ? dirs.state() : dirs.config();
        String owner = root ? "nobody" : me;
        String user = root ? me : "nobody";
        if (root) {
            Files.setOwner(folder, temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        FolderOfAnotherUserException refused = catchThrowableOfType(FolderOfAnotherUserException.class,
                () -> dirs.create(user));

        assertThat(refused).hasMessage("The folder " + folder + " belongs to the user '" + owner + "', not to you ('"
                + user + "'): the app keeps its settings, history and logs only in folders of your own. Remove it, or"
                + " make it yours (sudo chown -R " + user + " " + folder + "), and start again.");
        if (root) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .as("another user's folder is not touched").isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    void createsOwnerOnlyFoldersAndFiles(@TempDir Path temp) throws Exception {
        AppDirs dirs = AppDirs.of("Linux", temp, Map.of()).create();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dirs.state()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve(".local"))))
                .isEqualTo("rwx------");

        Path file = dirs.state().resolve("settings.json");
        OwnerOnly.write(file, "{}".getBytes());
        OwnerOnly.write(file, "{\"a\":1}".getBytes());
        assertThat(Files.readString(file)).isEqualTo("{\"a\":1}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(dirs.state())) {
            assertThat(leftovers).containsExactly(file);
        }
    }
}
