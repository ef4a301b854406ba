package dev.tokentray.ui;

import dev.tokentray.launch.AppStart;
import dev.tokentray.launch.AppStartException;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.EndOnSignal;
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

    /**
     * Starts the tray app and returns when it quits; returns at once when it already runs.
     *
     * @throws AppStartException when it cannot show anything here (no display), saying why in one line
     */
    public static void launch(AppStart start) throws AppStartException {
        AppDirs dirs;
        try {
            dirs = AppDirs.forCurrentUser().create();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app's folders", e);
        }
        Logging.toFile(dirs.logs(), Logging.Echo.NONE);
        Optional<AppStartException> noDisplay = StartFailure.noDisplay(System.getProperty("os.name"), System.getenv());
        if (noDisplay.isPresent()) {
            throw noDisplay.get();
        }
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
        Thread quitOnSignal = null;
        Optional<Throwable> cannotShow;
        try {
            running = DesktopApp.start(start, dirs);
            // SIGTERM (a logout, `kill`), SIGINT and SIGHUP quit as the menu's Quit does: EndOnSignal
            // ends JavaFX first, on its own thread, then the JVM; this hook then closes the rest,
            // the notifications going with the app (it also runs when the JVM ends any other way).
            quitOnSignal = new Thread(running::closeAsTheJvmEnds, "quit-on-signal");
            Runtime.getRuntime().addShutdownHook(quitOnSignal);
            EndOnSignal.install(running::closeWindows);
            if (showWhenRunning) {
                running.openWindow();
            }
            cannotShow = running.awaitQuit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception | Error e) { // AWT's refusal of the display is an Error
            cannotShow = Optional.of(e);
        } finally {
            closeQuietly(instance);
            stopListening(quitOnSignal);
        }
        if (cannotShow.isPresent()) {
            throw StartFailure.of(cannotShow.get(), System.getenv(), dirs.logs());
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

    private static void stopListening(Thread quitOnSignal) {
        if (quitOnSignal == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(quitOnSignal);
        } catch (IllegalStateException shuttingDown) {
            // the signal came: the hook runs, or has run
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
