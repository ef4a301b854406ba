package dev.tokentray.renew;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch of a folder per process, shared by every account that listens to it. Each
 * {@link WatchService} costs an inotify instance (Linux allows 128 per user by default, for all of
 * the user's programs) and a JDK thread that reads it: a tray app with five accounts had five of
 * each, and five more threads waiting on them. The watch opens with its first listener and closes
 * with its last; it waits on one virtual thread, as the listeners only plan work on threads of
 * their own.
 */
final class SharedFolderWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFolderWatch.class);
    /** The watched folders of this process, absolute; guarded by itself. */
    private static final Map<Path, SharedFolderWatch> WATCHES = new HashMap<>();

    private final Path folder;
    private final WatchService service;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Who hears the changes of some names in the folder; equal only to itself. */
    private static final class Listener {
        private final Set<String> names;
        private final Runnable changed;

        Listener(Set<String> names, Runnable changed) {
            this.names = names;
            this.changed = changed;
        }
    }

    private SharedFolderWatch(Path folder, WatchService service) {
        this.folder = folder;
        this.service = service;
    }

    /**
     * Calls {@code changed} each time a file of {@code names} in {@code folder} is created or
     * written (or the OS lost count of the changes), until the returned watch is closed.
     *
     * @throws IOException when the OS refuses a watch (too many of them, say)
     */
    static ChangeMarks.Watch listen(Path folder, Set<String> names, Runnable changed) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        Listener listener = new Listener(Set.copyOf(names), changed);
        synchronized (WATCHES) {
            SharedFolderWatch watch = WATCHES.get(key);
            if (watch == null) {
                watch = open(key);
                WATCHES.put(key, watch);
            }
            watch.listeners.add(listener);
            SharedFolderWatch shared = watch;
            return () -> shared.leave(listener);
        }
    }

    /** How many folders this process watches now. */
    static int watchedFolders() {
        synchronized (WATCHES) {
            return WATCHES.size();
        }
    }

    private static SharedFolderWatch open(Path folder) throws IOException {
        WatchService service = folder.getFileSystem().newWatchService();
        try {
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        SharedFolderWatch watch = new SharedFolderWatch(folder, service);
        Thread.ofVirtual().name("changes-watch").start(watch::take);
        return watch;
    }

    /** Closing a listener's watch twice is harmless; the last one to leave closes the folder's watch. */
    private void leave(Listener listener) {
        synchronized (WATCHES) {
            if (!listeners.remove(listener) || !listeners.isEmpty()) {
                return;
            }
            WATCHES.remove(folder);
            try {
                service.close(); // ends take() with ClosedWatchServiceException
            } catch (IOException e) {
                LOG.debug("Closing the watch of {} failed: {}", folder, e.getMessage());
            }
        }
    }

    private void take() {
        try {
            while (true) {
                WatchKey key = service.take();
                List<WatchEvent<?>> events = key.pollEvents();
                key.reset();
                for (Listener listener : listeners) {
                    if (events.stream().anyMatch(event -> event.kind() == StandardWatchEventKinds.OVERFLOW
                            || listener.names.contains(String.valueOf(event.context())))) {
                        tell(listener);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // closed: its last listener left
        }
    }

    /** A listener that fails is told again at the next change; the others are told regardless. */
    private static void tell(Listener listener) {
        try {
            listener.changed.run();
        } catch (RuntimeException e) {
            LOG.error("Planning after another process's change failed: {}", UnexpectedFailure.describe(e));
        }
    }
}
