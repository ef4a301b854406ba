package dev.tokentray.ui;

import dev.tokentray.vault.Profile;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The tray app. Until the tray UI lands, a window that points to the command line. */
public final class TrayApp extends Application {

    public static void launch(Profile profile) {
        Application.launch(TrayApp.class);
    }

    @Override
    public void start(Stage stage) {
        Label text = new Label("Upstox Token Tray\n\nThe tray app is on its way. Until then, the command line"
                + " does it all:\n  upstox-token-tray setup --from-env\n  upstox-token-tray token\n"
                + "  upstox-token-tray status");
        StackPane root = new StackPane(text);
        root.setPadding(new Insets(24));
        stage.setTitle("Upstox Token Tray");
        stage.setScene(new Scene(root));
        stage.show();
    }
}
