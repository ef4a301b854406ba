package dev.tokentray.ui.status;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.upstox.FailureKind;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The status window: the state in words and colour, the countdown, the expiry in IST and in
 * the computer's zone, the user, the masked token, Copy and Renew, a login's progress, what
 * needs the trader, and the recent logins. It only shows {@link StatusView}s; it decides nothing.
 */
public final class StatusWindow {
    /** What the window's buttons ask for. */
    public interface Actions {
        void copyToken();

        void renewNow();

        void openSettings();

        void editCredentials();

        void retryRejected();

        void quit();
    }

    private static final int RECENT_ATTEMPTS = 8;

    private final Stage stage;
    private final Clock clock;
    private final ZoneId localZone;
    private final java.time.Duration expiringWithin;
    private final Timeline ticker;

    private final Circle dot = new Circle(7);
    private final Label headline = new Label();
    private final Label countdown = new Label();
    private final Label expiry = new Label();
    private final Label expiryLocal = new Label();
    private final Label user = new Label();
    private final Label token = new Label();
    private final ToggleButton reveal = new ToggleButton("_Show");
    private final Button copy = new Button("_Copy token");
    private final Button renew = new Button("_Renew now");
    private final Label message = new Label();
    private final ProgressBar progressBar = new ProgressBar();
    private final Label progressText = new Label();
    private final VBox progress = new VBox(4, progressText, progressBar);
    private final Label problem = new Label();
    private final Button fixCredentials = new Button("_Edit credentials…");
    private final Button retryRejected = new Button("Retry these credentials");
    private final VBox problemBox = new VBox(8, problem, new HBox(8, fixCredentials, retryRejected));
    private final Label lastRenewal = new Label();
    private final Label nextRenewal = new Label();
    private final ListView<String> recent = new ListView<>();
    private final Label history = new Label();

    private RenewalState state;
    private HistoryStats stats;

    public StatusWindow(Stage stage, Actions actions, Clock clock, ZoneId localZone, java.time.Duration expiringWithin,
            boolean demo) {
        this.stage = stage;
        this.clock = clock;
        this.localZone = localZone;
        this.expiringWithin = expiringWithin;
        // Each second, and only while the window is shown: a hidden window costs no CPU.
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
        stage.showingProperty().addListener((property, was, showing) -> {
            if (showing) {
                refresh();
                ticker.play();
            } else {
                ticker.stop();
            }
        });

        copy.setOnAction(event -> actions.copyToken());
        renew.setOnAction(event -> actions.renewNow());
        fixCredentials.setOnAction(event -> actions.editCredentials());
        retryRejected.setOnAction(event -> actions.retryRejected());
        reveal.setOnAction(event -> refresh());
        Button settings = new Button("_Settings…");
        settings.setOnAction(event -> actions.openSettings());
        Button quit = new Button("_Quit");
        quit.setOnAction(event -> actions.quit());

        stage.setTitle(demo ? "Upstox Token Tray (demo)" : "Upstox Token Tray");
        AppIcons.addTo(stage);
        stage.setScene(new Scene(layout(demo, settings, quit)));
        stage.setMinWidth(460);
        identify();
    }

    private VBox layout(boolean demo, Button settings, Button quit) {
        headline.getStyleClass().add("headline");
        countdown.getStyleClass().add("countdown");
        token.getStyleClass().add("token");
        message.getStyleClass().add("message");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        history.getStyleClass().add("muted");
        progressBar.setMaxWidth(Double.MAX_VALUE);
        problemBox.getStyleClass().add("problem-box");
        recent.setPrefHeight(150);
        recent.setFocusTraversable(false);

        HBox title = new HBox(10, dot, headline);
        title.setAlignment(Pos.CENTER_LEFT);
        if (demo) {
            Label badge = new Label("DEMO");
            badge.getStyleClass().add("demo-badge");
            badge.setAccessibleText("Demo mode: a simulated Upstox, tokens that live a few minutes");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            title.getChildren().addAll(gap, badge);
        }
        HBox tokenLine = new HBox(8, new Label("Token"), token, reveal);
        tokenLine.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(8, copy, renew);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(8, gap, settings, quit);
        footer.setAlignment(Pos.CENTER_LEFT);
        history.setWrapText(true);

        VBox root = new VBox(10, title, countdown, expiry, expiryLocal, user, tokenLine, buttons, message, progress,
                problemBox, lastRenewal, nextRenewal, new Label("Recent logins"), recent, history, footer);
        root.setPadding(new Insets(18));
        root.getStyleClass().add("status-window");
        return root;
    }

    /** Ids for tests, and names for screen readers where a control's text is not enough. */
    private void identify() {
        headline.setId("headline");
        countdown.setId("countdown");
        countdown.setAccessibleText("Time left");
        expiry.setId("expiry");
        expiryLocal.setId("expiry-local");
        user.setId("user");
        token.setId("token");
        reveal.setId("reveal");
        reveal.setAccessibleText("Show the whole token");
        copy.setId("copy");
        renew.setId("renew");
        message.setId("message");
        progress.setId("progress");
        problem.setId("problem");
        fixCredentials.setId("fix-credentials");
        retryRejected.setId("retry-rejected");
        lastRenewal.setId("last-renewal");
        nextRenewal.setId("next-renewal");
        recent.setId("recent");
        recent.setAccessibleText("Recent login attempts");
        history.setId("history");
        dot.setAccessibleText("State colour");
    }

    public Stage stage() {
        return stage;
    }

    /** Shows a new state; called on the FX thread. */
    public void update(RenewalState state, HistoryStats stats, List<Attempt> attempts) {
        this.state = state;
        this.stats = stats;
        recent.getItems().setAll(attempts.reversed().stream().limit(RECENT_ATTEMPTS).map(StatusWindow::describe).toList());
        refresh();
    }

    /** A short note under the buttons, such as "Copied. Clipboard clears in 60 s". */
    public void say(String text) {
        message.setText(text);
    }

    private void refresh() {
        if (state == null) {
            headline.setText("Reading the keychain…");
            return;
        }
        StatusView view = StatusView.of(state, stats, clock.instant(), localZone, expiringWithin);
        for (var look : Look.values()) {
            dot.getStyleClass().remove(look.styleClass());
            headline.getStyleClass().remove(look.styleClass());
        }
        dot.getStyleClass().add(view.look().styleClass());
        headline.getStyleClass().add(view.look().styleClass());
        headline.setText(view.headline());
        countdown.setText(view.countdown());
        expiry.setText(view.expiry());
        show(expiryLocal, view.expiryLocal());
        show(user, Optional.of(view.user()).filter(text -> !text.isEmpty()));
        token.setText(reveal.isSelected()
                ? state.token().map(t -> t.value().reveal()).orElse("")
                : view.maskedToken().orElse("none"));
        reveal.setText(reveal.isSelected() ? "_Hide" : "_Show");
        reveal.setDisable(view.maskedToken().isEmpty());
        copy.setDisable(!state.tokenState().usable());
        renew.setDisable(state.renewing());
        progress.setVisible(view.progress().isPresent());
        progress.setManaged(view.progress().isPresent());
        view.progress().ifPresent(p -> {
            progressText.setText(p.text());
            progressBar.setProgress(p.fraction());
        });
        problemBox.setVisible(view.problem().isPresent());
        problemBox.setManaged(view.problem().isPresent());
        problem.setText(view.problem().orElse(""));
        boolean rejected = state.plan() instanceof Plan.Stopped
                && state.lastAttempt().filter(a -> a.failedWith(FailureKind.CREDENTIALS)).isPresent();
        retryRejected.setVisible(rejected);
        retryRejected.setManaged(rejected);
        lastRenewal.setText(view.lastRenewal());
        nextRenewal.setText(view.nextRenewal());
        history.setText(view.history());
    }

    private static void show(Label label, Optional<String> text) {
        label.setText(text.orElse(""));
        label.setVisible(text.isPresent());
        label.setManaged(text.isPresent());
    }

    /** "Sat 21 Nov, 10:17 IST  renewed in 312 ms", or "... failed in 120 ms: credentials". */
    private static String describe(Attempt attempt) {
        return String.format(Locale.ENGLISH, "%ta %<te %<tb, %<tR IST  %s in %d ms%s",
                attempt.time().atZone(TokenExpiry.IST), attempt.succeeded() ? "renewed" : "failed",
                attempt.duration().toMillis(),
                attempt.failure().map(f -> ": " + f.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse(""));
    }
}
