package dev.tokentray.ui;

import dev.tokentray.cli.AppStart;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX entry of the tray app; {@link DesktopApp} wires and runs it. */
public final class TrayApp extends Application {
    /** JavaFX makes the Application itself, so the start options come through here. */
    private static final AtomicReference<AppStart> START = new AtomicReference<>();

    private DesktopApp app;

    /** Starts the tray app and returns when it quits. */
    public static void launch(AppStart start) {
        START.set(start);
        Application.launch(TrayApp.class);
    }

    @Override
    public void start(Stage stage) throws Exception {
        app = DesktopApp.start(START.get(), stage);
    }

    @Override
    public void stop() {
        if (app != null) {
            app.close();
        }
    }
}
