package dev.tokentray.ui;

import dev.tokentray.launch.AppStart;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.Logging;
import dev.tokentray.platform.SingleInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the tray app, one per user (and one demo): a second launch brings the running app's
 * window to the front and ends; {@link DesktopApp} wires and runs the app.
 */
public final class TrayApp {
    private static final Logger LOG = LoggerFactory.getLogger(TrayApp.class);

    private static volatile DesktopApp running;
    /** A second launch that came while this one was still starting: its window shows once up. */
    private static volatile boolean showWhenRunning;

    private TrayApp() {}

    /** Starts the tray app and returns when it quits; returns at once when it already runs. */
    public static void launch(AppStart start) {
        AppDirs dirs;
        try {
            dirs = AppDirs.forCurrentUser().create();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app's folders", e);
        }
        Logging.toFile(dirs.logs(), Logging.Echo.NONE);
        Path socket = dirs.state().resolve("instance-" + start.instanceName() + ".sock");
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.claim(socket, TrayApp::showRequested);
            if (instance.isEmpty()) {
                LOG.info("Upstox Token Tray already runs{}: its window was brought forward",
                        start.demo() ? " in demo mode" : "");
                return;
            }
        } catch (IOException e) {
            LOG.warn("No single-instance guard ({}); starting anyway", e.getMessage());
            instance = Optional.empty();
        }
        try {
            running = DesktopApp.start(start, dirs);
            if (showWhenRunning) {
                running.openWindow();
            }
            running.awaitQuit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("The tray app could not start: " + e.getMessage(), e);
        } finally {
            closeQuietly(instance);
        }
    }

    private static void showRequested() {
        DesktopApp app = running;
        if (app == null) {
            showWhenRunning = true;
        } else {
            app.openWindow();
        }
    }

    private static void closeQuietly(Optional<SingleInstance> instance) {
        try {
            if (instance.isPresent()) {
                instance.get().close();
            }
        } catch (IOException e) {
            LOG.debug("Could not remove the instance socket: {}", e.getMessage());
        }
    }
}
