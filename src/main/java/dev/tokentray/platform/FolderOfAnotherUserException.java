package dev.tokentray.platform;

import java.nio.file.Path;

/**
 * One of the app's folders belongs to another user (a HOME or XDG variable that points elsewhere,
 * a folder made by a {@code sudo} run): the app does not keep its settings and logs where someone
 * else can read or change them. An input the trader must correct, as a bad option is.
 */
public final class FolderOfAnotherUserException extends IllegalArgumentException {
    FolderOfAnotherUserException(Path folder, String owner, String user) {
        super("The folder " + folder + " belongs to the user '" + owner + "', not to you ('" + user + "'): the app"
                + " keeps its settings, history and logs only in folders of your own. Remove it, or make it yours"
                + " (sudo chown -R " + user + " " + folder + "), and start again.");
    }
}
