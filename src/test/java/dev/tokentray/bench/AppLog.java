package dev.tokentray.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app's log file ({@code $XDG_STATE_HOME/upstox-token-tray/logs/upstox-token-tray.log}), read
 * from a mark on: what one process wrote since it was started. Cheap enough to look at every few
 * milliseconds: a {@code stat} while nothing was added.
 */
final class AppLog {
    private final Path file;
    private long offset;
    private final StringBuilder since = new StringBuilder();

    AppLog(Path stateHome) {
        this.file = stateHome.resolve("upstox-token-tray/logs/upstox-token-tray.log");
    }

    /** Forgets what was written so far: {@link #since()} starts from here. */
    void mark() throws IOException {
        offset = Files.exists(file) ? Files.size(file) : 0;
        since.setLength(0);
    }

    /** What was written since {@link #mark()}. */
    String since() throws IOException {
        if (!Files.exists(file)) {
            return since.toString();
        }
        long size = Files.size(file);
        if (size < offset) {
            offset = 0; // rolled over (1 MB): the new file holds what came since
        }
        if (size > offset) {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                byte[] added = new byte[(int) (size - offset)];
                in.readFully(added);
                offset = size;
                since.append(new String(added, StandardCharsets.UTF_8));
            }
        }
        return since.toString();
    }
}
