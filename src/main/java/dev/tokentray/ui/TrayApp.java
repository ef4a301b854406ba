package dev.tokentray.ui;

import dev.tokentray.cli.AppStart;
import dev.tokentray.platform.AppDirs;
import dev.tokentray.platform.Logging;
import dev.tokentray.platform.SingleInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX entry of the tray app: one app per profile, whose window a second launch brings to
 * the front; {@link DesktopApp} wires and runs it.
 */
public final class TrayApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(TrayApp.class);

    /** JavaFX makes the Application itself, so what {@link #launch} prepared comes through here. */
    private record Launch(AppStart start, AppDirs dirs, Optional<SingleInstance> instance) {}

    private static volatile Launch launch;
    private static volatile DesktopApp running;
    /** A second launch that came while this one was still starting: its window shows once up. */
    private static volatile boolean showWhenRunning;

    /** Starts the tray app and returns when it quits; returns at once when it already runs. */
    public static void launch(AppStart start) {
        AppDirs dirs;
        try {
            dirs = AppDirs.forCurrentUser().create();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the app's folders", e);
        }
        Logging.toFile(dirs.logs(), Logging.Echo.NONE);
        Path socket = dirs.state().resolve("instance-" + start.profile() + ".sock");
        Optional<SingleInstance> instance;
        try {
            instance = SingleInstance.claim(socket, TrayApp::showRequested);
            if (instance.isEmpty()) {
                LOG.info("Upstox Token Tray already runs for profile '{}': its window was brought forward", start.profile());
                return;
            }
        } catch (IOException e) {
            LOG.warn("No single-instance guard ({}); starting anyway", e.getMessage());
            instance = Optional.empty();
        }
        launch = new Launch(start, dirs, instance);
        Application.launch(TrayApp.class);
    }

    private static void showRequested() {
        showWhenRunning = true;
        try {
            Platform.runLater(TrayApp::showIfRequested);
        } catch (IllegalStateException toolkitNotYetUp) {
            // start() shows the window once JavaFX is up
        }
    }

    /** On the FX thread, so that it cannot miss a request made while the app starts. */
    private static void showIfRequested() {
        if (running != null && showWhenRunning) {
            showWhenRunning = false;
            running.openWindow();
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        running = DesktopApp.start(launch.start(), launch.dirs(), stage);
        showIfRequested();
    }

    @Override
    public void stop() throws IOException {
        if (running != null) {
            running.close();
        }
        if (launch.instance().isPresent()) {
            launch.instance().get().close();
        }
    }
}
