package dev.tokentray.ui.status;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.HistoryStats;
import dev.tokentray.renew.RenewalState;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.TokenState;
import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.fx.SecondTicker;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

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

        /** Opens the browser login, for when the automatic one is blocked or changed. */
        void browserLogin();

        void quit();
    }

    private static final int RECENT_ATTEMPTS = 8;
    private static final double PREFERRED_WIDTH = 520;

    private final Stage stage;
    private final Clock clock;
    private final ZoneId localZone;
    private final Duration expiringWithin;

    private final Circle dot = new Circle(8);
    private final Label headline = new Label();
    private final Label user = new Label();
    private final Label countdown = new Label();
    private final Label expiry = new Label();
    private final Label expiryLocal = new Label();
    private final Label token = new Label();
    // Sh_ow, not _Show: Alt+S is Settings.
    private final ToggleButton reveal = new ToggleButton("Sh_ow");
    private final Button copy = new Button("_Copy token");
    private final Button renew = new Button("_Renew now");
    // Two buttons, one shown at a time: beside Renew now, or first in the problem when it is the way out.
    private final Button browserLogin = new Button("Log in with _browser…");
    private final Button browserLoginUrged = new Button("Log in with _browser…");
    private final Label message = new Label();
    private final ProgressBar progressBar = new ProgressBar();
    private final Label progressText = new Label();
    private final VBox progress = new VBox(6, progressText, progressBar);
    private final Label problem = new Label();
    private final Button fixCredentials = new Button("_Edit credentials…");
    private final Button retryRejected = new Button("Retry these credentials…");
    private final VBox problemBox = new VBox(8, problem, new HBox(8, browserLoginUrged, fixCredentials, retryRejected));
    private final Label lastRenewal = new Label();
    private final Label nextRenewal = new Label();
    private final ListView<String> recent = new ListView<>();
    private final Label history = new Label();

    private RenewalState state;
    private HistoryStats stats = HistoryStats.of(List.of());
    private List<Boolean> shownSections = List.of();

    /** @param expiringWithin when a token counts as expiring: an hour, or a minute in demo mode */
    public StatusWindow(Stage stage, Actions actions, Clock clock, ZoneId localZone, Duration expiringWithin,
            Theme theme, boolean demo) {
        this.stage = stage;
        this.clock = clock;
        this.localZone = localZone;
        this.expiringWithin = expiringWithin;

        copy.setOnAction(event -> actions.copyToken());
        copy.setDefaultButton(true);
        renew.setOnAction(event -> actions.renewNow());
        fixCredentials.setOnAction(event -> actions.editCredentials());
        retryRejected.setOnAction(event -> actions.retryRejected());
        browserLogin.setOnAction(event -> actions.browserLogin());
        browserLoginUrged.setOnAction(event -> actions.browserLogin());
        reveal.setOnAction(event -> refresh());
        Button settings = new Button("_Settings…");
        settings.setOnAction(event -> actions.openSettings());
        Button quit = new Button("_Quit");
        quit.setOnAction(event -> actions.quit());

        Scene scene = new Scene(layout(demo, settings, quit));
        Themes.apply(scene, theme);
        stage.setScene(scene);
        stage.setTitle(demo ? "Upstox Token Tray (demo)" : "Upstox Token Tray");
        stage.setMinWidth(480);
        AppIcons.addTo(stage);
        identify();
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> WindowParts.keepOnScreen(stage));
        // The countdown ticks each second, and only while the window is shown.
        new SecondTicker(clock, this::refresh).whileShowing(stage);
    }

    private BorderPane layout(boolean demo, Button settings, Button quit) {
        dot.getStyleClass().addAll("status-dot", "look-fill");
        headline.getStyleClass().add("title");
        // "Token valid, but automatic renewal stopped" takes two lines rather than an ellipsis.
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        user.getStyleClass().add("subtitle");
        HBox title = new HBox(10, dot, headline, grow());
        title.setAlignment(Pos.CENTER_LEFT);
        if (demo) {
            title.getChildren().add(WindowParts.demoBadge());
        }
        VBox header = new VBox(4, title, user);
        header.getStyleClass().add("header");

        countdown.getStyleClass().add("countdown");
        expiryLocal.getStyleClass().add("help");
        token.getStyleClass().add("token-text");
        reveal.getStyleClass().add("reveal");
        HBox tokenLine = new HBox(8, label("Token"), token, reveal);
        tokenLine.setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().addAll("notice", Notice.Tone.SUCCESS.styleClass());
        message.setWrapText(true);
        // Wrapped texts keep all their lines when the window is short: the list of recent logins gives way.
        message.setMinHeight(Region.USE_PREF_SIZE);
        progressBar.setMaxWidth(Double.MAX_VALUE);
        progressBar.getStyleClass().add("look-renewing");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problemBox.getStyleClass().addAll("notice", "tone-error");
        recent.getStyleClass().add("recent-logins");
        recent.setFocusTraversable(false);
        history.getStyleClass().add("help");
        history.setWrapText(true);
        history.setMinHeight(Region.USE_PREF_SIZE);
        recent.setMinHeight(48);

        VBox body = new VBox(10, countdown, expiry, expiryLocal, tokenLine, new HBox(8, copy, renew, browserLogin), message, progress,
                problemBox, WindowParts.section("Renewal"), lastRenewal, nextRenewal, WindowParts.section("Recent logins"), recent, history);
        body.getStyleClass().add("form");

        HBox footer = new HBox(8, grow(), settings, quit);
        footer.getStyleClass().add("footer");

        BorderPane root = new BorderPane(body, header, null, footer, null);
        root.getStyleClass().add("status-window");
        // A fixed preferred width: the long texts (a problem, a note) wrap in it, rather than
        // widening the window past the screen when it is fitted to them.
        root.setPrefWidth(PREFERRED_WIDTH);
        return root;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }

    private static Node grow() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
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
        token.setAccessibleText("The token, masked");
        reveal.setId("reveal");
        reveal.setAccessibleText("Show the whole token");
        copy.setId("copy");
        renew.setId("renew");
        message.setId("message");
        progress.setId("progress");
        progressText.setId("progress-text");
        problem.setId("problem");
        fixCredentials.setId("fix-credentials");
        retryRejected.setId("retry-rejected");
        browserLogin.setId("browser-login-offer");
        browserLoginUrged.setId("browser-login");
        browserLoginUrged.setAccessibleHelp("Log in on Upstox's own page in your browser: the automatic login is blocked");
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

    /** A short note under the buttons, such as "Copied. Clipboard clears in 60 s", as good news. */
    public void say(String text) {
        say(Notice.success(text));
    }

    /** A short note under the buttons, coloured by its tone (a refusal or a failure is no good news). */
    public void say(Notice notice) {
        for (Notice.Tone tone : Notice.Tone.values()) {
            message.getStyleClass().remove(tone.styleClass());
        }
        message.getStyleClass().add(notice.tone().styleClass());
        message.setText(notice.text());
        refresh();
    }

    private void refresh() {
        show(message, Optional.of(message.getText()).filter(text -> !text.isEmpty()));
        if (state == null) {
            headline.setText("Reading the keychain…");
            show(progress, false);
            show(problemBox, false);
            show(browserLogin, false);
            return;
        }
        StatusView view = StatusView.of(state, stats, clock.instant(), localZone, expiringWithin);
        for (Look look : Look.values()) {
            dot.getStyleClass().remove(look.styleClass());
            headline.getStyleClass().remove(look.styleClass());
            countdown.getStyleClass().remove(look.styleClass());
        }
        dot.getStyleClass().add(view.look().styleClass());
        headline.getStyleClass().add(view.look().styleClass());
        countdown.getStyleClass().add(view.look().styleClass());
        headline.setText(view.headline());
        user.setText(view.user().isEmpty() ? "Upstox access token" : "Upstox token of " + view.user());
        countdown.setText(view.countdown());
        expiry.setText(view.expiry());
        show(expiryLocal, view.expiryLocal());
        token.setText(reveal.isSelected()
                ? state.token().map(t -> t.value().reveal()).orElse("")
                : view.maskedToken().orElse("none"));
        reveal.setText(reveal.isSelected() ? "_Hide" : "Sh_ow");
        reveal.setDisable(view.maskedToken().isEmpty());
        copy.setDisable(!TokenState.of(state.token(), clock.instant()).usable());
        renew.setDisable(state.renewing());
        show(progress, view.progress().isPresent());
        view.progress().ifPresent(p -> {
            progressText.setText(p.text());
            progressBar.setProgress(p.fraction());
        });
        show(problemBox, view.problem().isPresent());
        problem.setText(view.problem().orElse(""));
        boolean rejected = state.credentialsRejected();
        show(retryRejected, rejected);
        boolean urged = view.browserLogin() == StatusView.BrowserOffer.URGED;
        show(browserLoginUrged, urged);
        show(browserLogin, view.browserLogin() == StatusView.BrowserOffer.OFFERED);
        // A bot wall is no matter of the credentials: the way out is the browser, by Enter as well.
        show(fixCredentials, !urged);
        browserLoginUrged.setDefaultButton(urged);
        copy.setDefaultButton(!urged);
        lastRenewal.setText(view.lastRenewal());
        nextRenewal.setText(view.nextRenewal());
        history.setText(view.history());
        fitWhenSectionsChanged();
    }

    /** A section that appears or goes needs a new window height; a second's tick does not. */
    private void fitWhenSectionsChanged() {
        List<Boolean> sections = List.of(message.isVisible(), expiryLocal.isVisible(), progress.isVisible(),
                problemBox.isVisible(), retryRejected.isVisible(), browserLoginUrged.isVisible());
        if (!sections.equals(shownSections)) {
            shownSections = sections;
            stage.sizeToScene();
            WindowParts.keepOnScreen(stage);
        }
    }


    private static void show(Label label, Optional<String> text) {
        label.setText(text.orElse(""));
        show(label, text.isPresent());
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    /** "Sat 21 Nov, 10:17 IST  renewed in 312 ms", or "... failed in 120 ms: rejected PIN". */
    private static String describe(Attempt attempt) {
        if (attempt.trigger() == Trigger.FROM_REDIS) {
            return String.format(Locale.ENGLISH, "%ta %<te %<tb, %<tR IST  taken from Redis", attempt.time().atZone(TokenExpiry.IST));
        }
        return String.format(Locale.ENGLISH, "%ta %<te %<tb, %<tR IST  %s in %d ms%s",
                attempt.time().atZone(TokenExpiry.IST), attempt.succeeded() ? "renewed" : "failed",
                attempt.duration().toMillis(),
                attempt.failure().map(f -> ": " + f.summary()).orElse(""));
    }
}
