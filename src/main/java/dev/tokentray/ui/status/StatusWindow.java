package dev.tokentray.ui.status;

import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.renew.Trigger;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.fx.SecondTicker;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.vault.Profile;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The status window: the accounts, a row each (their state in colour and shape, the time left,
 * Copy, Renew now, and a menu of the rest), Add account, and below them today's detail of the
 * selected account (the countdown, the expiry in IST and in the computer's zone, the masked token,
 * a login's progress, what needs the trader, the last and next renewal, the recent logins). It
 * only shows what its {@link AccountListModel} says; it decides nothing.
 */
public final class StatusWindow {
    /** What the window's buttons ask for; each names its account. */
    public interface Actions {
        void copyToken(Profile account);

        void renewNow(Profile account);

        /** Opens the browser login, for when the automatic one is blocked or changed. */
        void browserLogin(Profile account);

        /** Sends Upstox's approval request (the trader approves it in the Upstox app or on WhatsApp). */
        void requestApproval(Profile account);

        void editCredentials(Profile account);

        void retryRejected(Profile account);

        void history(Profile account);

        void rename(Profile account);

        /** Moves the account up ({@code -1}) or down ({@code +1}) the list. */
        void move(Profile account, int by);

        void remove(Profile account);

        void addAccount();

        void openSettings();

        void quit();
    }

    private static final int RECENT_ATTEMPTS = 8;
    private static final double PREFERRED_WIDTH = 680;

    private final Stage stage;
    private final Clock clock;
    private final Actions actions;
    private final AccountListModel model;

    private final Label summary = new Label();
    private final VBox rows = new VBox(6);
    private final ToggleGroup rowGroup = new ToggleGroup();
    private final Map<Profile, AccountRow> rowsByProfile = new HashMap<>();
    private List<Profile> rowOrder = List.of();

    private final Label noAccount = new Label();
    private final Label detailName = new Label();
    private final Circle dot = new Circle(8);
    private final Label headline = new Label();
    private final Label user = new Label();
    private final Label countdown = new Label();
    private final Label expiry = new Label();
    private final Label expiryLocal = new Label();
    private final Label token = new Label();
    // Sh_ow, not _Show: Alt+S is Settings.
    private final ToggleButton reveal = new ToggleButton("Sh_ow");
    private final Label message = new Label();
    private final ProgressBar progressBar = new ProgressBar();
    private final Label progressText = new Label();
    private final VBox progress = new VBox(6, progressText, progressBar);
    private final Label approval = new Label();
    private final Label problem = new Label();
    private final Button browserLoginUrged = new Button("Log in with _browser…");
    private final Button fixCredentials = new Button("_Edit credentials…");
    private final Button retryRejected = new Button("Retry these credentials…");
    private final VBox problemBox = new VBox(8, problem, new HBox(8, browserLoginUrged, fixCredentials, retryRejected));
    private final Label lastRenewal = new Label();
    private final Label nextRenewal = new Label();
    /** Lines of text, not a ListView: at most eight lines, which need no scrolling, selection or cells of their own. */
    private final VBox recent = new VBox(2);
    private final Label history = new Label();
    private final VBox detail;
    private final VBox body = new VBox(10);
    /** With many accounts on a small screen the body scrolls; the header and footer stay. */
    private final ScrollPane scroll = WindowParts.formScroll(body);

    private List<Object> shownSections = List.of();
    private Optional<Profile> revealed = Optional.empty();
    private boolean reading = true;
    private List<Attempt> shownAttempts = List.of();

    /**
     * @param title the window's title ("Upstox Token Tray", or with "(demo)")
     * @param demo  shows the demo badge
     */
    public StatusWindow(Stage stage, Actions actions, AccountListModel model, Clock clock, Theme theme, String title,
            boolean demo) {
        this.stage = stage;
        this.actions = actions;
        this.model = model;
        this.clock = clock;

        fixCredentials.setOnAction(event -> selectedProfile().ifPresent(actions::editCredentials));
        retryRejected.setOnAction(event -> selectedProfile().ifPresent(actions::retryRejected));
        browserLoginUrged.setOnAction(event -> selectedProfile().ifPresent(actions::browserLogin));
        reveal.setOnAction(event -> {
            revealed = reveal.isSelected() ? selectedProfile() : Optional.empty();
            refresh();
        });
        Button add = new Button("_Add account…");
        add.setId("add-account");
        add.setOnAction(event -> actions.addAccount());
        add.setAccessibleHelp("Sets up another Upstox account: its label, then its login in the setup window");
        Button settings = new Button("_Settings…");
        settings.setOnAction(event -> actions.openSettings());
        Button quit = new Button("_Quit");
        quit.setOnAction(event -> actions.quit());

        detail = detail();
        Scene scene = new Scene(layout(title, demo, add, settings, quit));
        Themes.apply(scene, theme);
        stage.setScene(scene);
        stage.setTitle(title);
        stage.setMinWidth(560);
        AppIcons.addTo(stage);
        identify();
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, event -> WindowParts.keepOnScreen(stage));
        // The countdowns tick each second, and only while the window is shown.
        new SecondTicker(clock, this::refresh).whileShowing(stage);
    }

    private BorderPane layout(String title, boolean demo, Button add, Button settings, Button quit) {
        Label name = new Label(title.replace(" (demo)", ""));
        name.getStyleClass().add("title");
        HBox titleRow = new HBox(10, name, grow());
        titleRow.setAlignment(Pos.CENTER_LEFT);
        if (demo) {
            titleRow.getChildren().add(WindowParts.demoBadge());
        }
        summary.getStyleClass().add("subtitle");
        VBox header = new VBox(4, titleRow, summary);
        header.getStyleClass().add("header");

        rows.setId("accounts");
        noAccount.getStyleClass().add("help");
        noAccount.setWrapText(true);
        noAccount.setMinHeight(Region.USE_PREF_SIZE);
        body.getChildren().setAll(WindowParts.section("Accounts"), rows, noAccount, new HBox(add), detail);
        body.getStyleClass().add("form");

        HBox footer = new HBox(8, grow(), settings, quit);
        footer.getStyleClass().add("footer");

        BorderPane root = new BorderPane(scroll, header, null, footer, null);
        root.getStyleClass().add("status-window");
        // A fixed preferred width: the long texts (a problem, a note) wrap in it, rather than
        // widening the window past the screen when it is fitted to them.
        root.setPrefWidth(PREFERRED_WIDTH);
        return root;
    }

    private VBox detail() {
        detailName.getStyleClass().add("section");
        dot.getStyleClass().addAll("status-dot", "look-fill");
        headline.getStyleClass().add("title");
        // "Token valid, but automatic renewal stopped" takes two lines rather than an ellipsis.
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        user.getStyleClass().add("subtitle");
        HBox title = new HBox(10, dot, headline);
        title.setAlignment(Pos.CENTER_LEFT);
        countdown.getStyleClass().add("countdown");
        expiryLocal.getStyleClass().add("help");
        token.getStyleClass().add("token-text");
        reveal.getStyleClass().add("reveal");
        HBox tokenLine = new HBox(8, label("Token"), token, reveal);
        tokenLine.setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().addAll("notice", Notice.Tone.SUCCESS.styleClass());
        message.setWrapText(true);
        // Wrapped texts keep all their lines when the window is short: the body scrolls instead.
        message.setMinHeight(Region.USE_PREF_SIZE);
        progressBar.setMaxWidth(Double.MAX_VALUE);
        progressBar.getStyleClass().add("look-renewing");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problemBox.getStyleClass().addAll("notice", "tone-error");
        approval.getStyleClass().addAll("notice", Notice.Tone.INFO.styleClass());
        approval.setWrapText(true);
        approval.setMinHeight(Region.USE_PREF_SIZE);
        recent.getChildren().setAll(recentLines(shownAttempts));
        history.getStyleClass().add("help");
        history.setWrapText(true);
        history.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(10, detailName, title, user, countdown, expiry, expiryLocal, tokenLine, progress,
                approval, problemBox, WindowParts.section("Renewal"), lastRenewal, nextRenewal, WindowParts.section("Recent logins"),
                recent, history);
        box.getStyleClass().add("account-detail");
        return new VBox(10, message, box);
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
        summary.setId("summary");
        noAccount.setId("no-account");
        detailName.setId("detail-name");
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
        message.setId("message");
        progress.setId("progress");
        progressText.setId("progress-text");
        problem.setId("problem");
        approval.setId("approval");
        fixCredentials.setId("fix-credentials");
        retryRejected.setId("retry-rejected");
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

    /**
     * Shows the accounts as they are now; called on the FX thread.
     *
     * @param reading some accounts' state is not known yet (the keychain is being read)
     */
    public void update(List<AccountSnapshot> accounts, boolean reading) {
        this.reading = reading;
        model.update(accounts);
        List<Profile> order = accounts.stream().map(AccountSnapshot::profile).toList();
        if (!order.equals(rowOrder)) {
            rowsByProfile.keySet().retainAll(order);
            for (Profile profile : order) {
                rowsByProfile.computeIfAbsent(profile,
                        p -> new AccountRow(p, rowGroup, actions, this::select, this::moveSelection));
            }
            rows.getChildren().setAll(order.stream().map(p -> rowsByProfile.get(p).node()).toList());
            rowOrder = order;
        }
        refresh();
    }

    /** Selects the account's row and shows its detail. */
    public void select(Profile profile) {
        model.select(profile);
        revealed = Optional.empty();
        reveal.setSelected(false);
        refresh();
    }

    private void moveSelection(Profile from, int by) {
        model.select(from);
        model.neighbour(by).ifPresent(next -> {
            select(next);
            rowsByProfile.get(next).selectButton().requestFocus();
        });
    }

    public Optional<Profile> selectedProfile() {
        return model.selected().map(AccountSnapshot::profile);
    }

    /** A short note above the account's detail, coloured by its tone (a refusal or a failure is no good news). */
    public void say(Notice notice) {
        for (Notice.Tone tone : Notice.Tone.values()) {
            message.getStyleClass().remove(tone.styleClass());
        }
        message.getStyleClass().add(notice.tone().styleClass());
        message.setText(notice.text());
        refresh();
    }

    private void refresh() {
        Instant now = clock.instant();
        Optional<Profile> selected = selectedProfile();
        for (AccountListModel.Row row : model.rows(now)) {
            rowsByProfile.get(row.profile()).show(row, selected.equals(Optional.of(row.profile())));
        }
        show(message, Optional.of(message.getText()).filter(text -> !text.isEmpty()));
        int count = model.accounts().size();
        show(noAccount, count == 0);
        noAccount.setText(reading ? "Reading the keychain…" : "No Upstox account yet: add yours with Add account….");
        summary.setText(model.summary(now));
        Optional<AccountSnapshot> account = model.selected();
        show(detail.getChildren().get(1), account.isPresent());
        account.ifPresent(a -> showDetail(a, model.detail(now).orElseThrow()));
        fitWhenSectionsChanged();
    }

    private void showDetail(AccountSnapshot account, StatusView view) {
        RenewalSnapshot state = account.state();
        detailName.setText(account.name().toUpperCase(Locale.ENGLISH));
        LookStyle.apply(view.look(), dot, headline, countdown);
        headline.setText(view.headline());
        user.setText(view.user().isEmpty() ? "Upstox access token" : "Upstox token of " + view.user());
        countdown.setText(view.countdown());
        expiry.setText(view.expiry());
        show(expiryLocal, view.expiryLocal());
        boolean showWhole = revealed.equals(Optional.of(account.profile())) && reveal.isSelected();
        token.setText(showWhole ? state.token().map(t -> t.value().reveal()).orElse("")
                : view.maskedToken().orElse("none"));
        reveal.setText(showWhole ? "_Hide" : "Sh_ow");
        reveal.setDisable(view.maskedToken().isEmpty());
        show(progress, view.progress().isPresent());
        view.progress().ifPresent(p -> {
            progressText.setText(p.text());
            progressBar.setProgress(p.fraction());
        });
        show(approval, view.approval());
        show(problemBox, view.problem().isPresent());
        problem.setText(view.problem().orElse(""));
        show(retryRejected, state.credentialsRejected() && account.renews());
        boolean urged = view.browserLogin() == StatusView.BrowserOffer.URGED && account.renews();
        show(browserLoginUrged, urged);
        // A bot wall is no matter of the credentials: the way out is the browser, by Enter as well.
        show(fixCredentials, !urged && account.renews());
        browserLoginUrged.setDefaultButton(urged);
        lastRenewal.setText(view.lastRenewal());
        nextRenewal.setText(view.nextRenewal());
        // Written again only when they change, not at each second's tick.
        if (!account.attempts().equals(shownAttempts)) {
            shownAttempts = account.attempts();
            recent.getChildren().setAll(recentLines(shownAttempts));
        }
        history.setText(view.history());
    }

    /** A section that appears or goes needs a new window height; a second's tick does not. */
    private void fitWhenSectionsChanged() {
        List<Object> sections = List.of(message.isVisible(), expiryLocal.isVisible(), progress.isVisible(),
                approval.isVisible(), problemBox.isVisible(), retryRejected.isVisible(), browserLoginUrged.isVisible(),
                noAccount.isVisible(), rows.getChildren().size());
        if (!sections.equals(shownSections)) {
            shownSections = sections;
            scroll.getParent().applyCss();
            WindowParts.fitToForm(stage, scroll, body.prefHeight(PREFERRED_WIDTH));
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

    /** The newest attempts first, one line each. */
    private static List<Label> recentLines(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return List.of(new Label("No login yet"));
        }
        return attempts.reversed().stream().limit(RECENT_ATTEMPTS).map(attempt -> new Label(describe(attempt))).toList();
    }

    /** "Sat 21 Nov, 10:17 IST  renewed in 312 ms", or "... failed in 120 ms: rejected PIN". */
    static String describe(Attempt attempt) {
        if (attempt.trigger() == Trigger.REDIS) { // another machine's login: no time of its own here
            return String.format(Locale.ENGLISH, "%ta %<te %<tb, %<tR IST  %s", attempt.time().atZone(TokenExpiry.IST),
                    attempt.failure().map(f -> "failed on another machine: " + f.summary()).orElse("taken from Redis"));
        }
        return String.format(Locale.ENGLISH, "%ta %<te %<tb, %<tR IST  %s in %d ms%s",
                attempt.time().atZone(TokenExpiry.IST), attempt.succeeded() ? "renewed" : "failed",
                attempt.duration().toMillis(),
                attempt.failure().map(f -> ": " + f.summary()).orElse(""));
    }
}
