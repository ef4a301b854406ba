package dev.tokentray.ui.status;

import dev.tokentray.renew.HistoryStats;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** An account's login attempts of the last 90 days, newest first, with the success rate and login times. */
public final class HistoryWindow {
    private final Stage stage = new Stage();

    public HistoryWindow(AccountSnapshot account, Theme theme, Window owner) {
        Label title = new Label("Logins of " + account.name());
        title.getStyleClass().add("title");
        VBox header = new VBox(title);
        header.getStyleClass().add("header");

        ListView<String> attempts = new ListView<>();
        attempts.setId("history-attempts");
        attempts.setAccessibleText("Login attempts of " + account.name() + ", newest first");
        attempts.getItems().setAll(account.attempts().reversed().stream().map(StatusWindow::describe).toList());
        attempts.setPlaceholder(new Label("No logins in the last 90 days"));
        attempts.setPrefSize(520, 320);
        HistoryStats stats = account.stats();
        Label summary = new Label(String.format(Locale.ENGLISH, "%d attempts, %d succeeded; login time median %s,"
                + " p95 %s", stats.attempts(), stats.successes(), millis(stats.medianLogin()), millis(stats.p95Login())));
        summary.setId("history-summary");
        summary.getStyleClass().add("help");
        VBox body = new VBox(10, attempts, summary);
        body.getStyleClass().add("form");

        Button close = new Button("Close");
        close.setId("history-close");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.setOnAction(event -> stage.close());
        HBox footer = new HBox(close);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.getStyleClass().add("footer");

        Scene scene = new Scene(new BorderPane(body, header, null, footer, null));
        Themes.apply(scene, theme);
        stage.setScene(scene);
        stage.setTitle("History of " + account.name() + " – Upstox Token Tray");
        AppIcons.addTo(stage);
        if (owner != null) {
            stage.initOwner(owner);
        }
    }

    private static String millis(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() + " ms").orElse("-");
    }

    public void show() {
        stage.show();
        stage.toFront();
    }
}
