package dev.tokentray.ui.settings;

import dev.tokentray.accounts.Account;
import dev.tokentray.renew.LoginMethod;
import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.notify.NotificationKind;
import dev.tokentray.vault.Profile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The settings window: each account's renewal (automatic, login window, ready by, login method; the account
 * chosen above them), and for every account alike clipboard clearing, the notifications, start at
 * login and the theme. Save writes the settings file and closes; Esc closes without saving. An
 * account's credentials are edited, and the account removed, from its row in the status window.
 *
 * <p>Node ids for tests: {@code #renewalAccount #automatic #loginWindow #loginWindow-problem #readyBy
 * #readyBy-problem #loginMethod #clipboardClear #notify-RENEWED} (one per {@link NotificationKind})
 * {@code #startAtLogin #theme #notice #save #cancel}.
 */
public final class SettingsWindow {
    private static final double LABEL_WIDTH = 150;
    private static final double INPUT_WIDTH = 500;

    private final SettingsModel model;
    private final Function<Profile, String> names;
    private final Stage stage = new Stage();
    private final Scene scene;
    private final HBox titleRow = new HBox(10);
    private final ComboBox<ClipboardClearing> clipboard = new ComboBox<>();
    private final ComboBox<Profile> account = new ComboBox<>();
    private final VBox form = new VBox(22);

    /**
     * @param names what the trader calls each account (its label, else its Upstox name)
     * @param owner the window it belongs to, or null
     */
    public SettingsWindow(SettingsModel model, Function<Profile, String> names, Window owner) {
        this.model = Objects.requireNonNull(model, "model");
        this.names = Objects.requireNonNull(names, "names");
        BorderPane root = new BorderPane();
        root.setTop(header());
        fillForm();
        ScrollPane scroll = WindowParts.formScroll(form);
        root.setCenter(scroll);
        root.setBottom(footer());
        scene = new Scene(root);
        Themes.apply(scene, model.saved().ui().theme());
        // The theme shows as soon as it is picked; Cancel puts the saved one back.
        model.themeProperty().addListener((observable, old, theme) -> {
            if (theme != null) {
                Themes.apply(scene, theme);
            }
        });

        stage.setScene(scene);
        stage.setTitle("Settings – Upstox Token Tray");
        AppIcons.addTo(stage);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnShowing(event -> {
            model.reload();
            clipboard.getItems().setAll(model.clipboardChoices());
            clipboard.setValue(model.clipboardClearingProperty().get());
            account.getItems().setAll(model.accounts().stream().map(Account::profile).toList());
            account.setValue(model.accountProperty().get());
            Themes.apply(scene, model.saved().ui().theme());
            root.applyCss();
            WindowParts.fitToForm(stage, scroll, form.prefHeight(form.prefWidth(-1)));
        });
        stage.setOnShown(event -> {
            WindowParts.keepOnScreen(stage);
            stage.setMinWidth(Math.min(stage.getWidth(), 560));
            stage.setMinHeight(Math.min(stage.getHeight(), 420));
        });
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    /** Shows the "Demo" badge beside the title (demo mode). */
    public void showDemoBadge() {
        titleRow.getChildren().add(WindowParts.demoBadge());
    }

    // ---- layout ----

    private Node header() {
        Label title = new Label("Settings");
        title.getStyleClass().add("title");
        titleRow.setAlignment(Pos.CENTER_LEFT);
        titleRow.getChildren().add(title);
        VBox header = new VBox(titleRow);
        header.getStyleClass().add("header");
        return header;
    }

    private void fillForm() {
        form.getChildren().setAll(renewal(), clipboardAndNotifications(), desktop());
        form.getStyleClass().add("form");
    }

    /**
     * Adds a section of another part of the app that is the account's own (its token's outputs)
     * right after the account's renewal: it shows the account chosen there ({@link
     * SettingsModel#accountProperty()}).
     */
    public void addAccountSection(String heading, Node content) {
        form.getChildren().add(1, section(heading, content));
    }

    private Node renewal() {
        CheckBox automatic = new CheckBox("Renew the token _automatically");
        automatic.setId("automatic");
        automatic.setMnemonicParsing(true);
        automatic.selectedProperty().bindBidirectional(model.automaticProperty());
        automatic.setAccessibleHelp("Logs in to Upstox by itself when the token has expired, inside the login window");

        GridPane chooser = grid();
        account.setId("renewalAccount");
        account.setConverter(new StringConverter<>() {
            @Override
            public String toString(Profile profile) {
                return profile == null ? "" : names.apply(profile);
            }

            @Override
            public Profile fromString(String text) {
                return null; // not editable
            }
        });
        account.getItems().setAll(model.accounts().stream().map(Account::profile).toList());
        account.valueProperty().bindBidirectional(model.accountProperty());
        account.setAccessibleText("The account whose renewal settings show below");
        addRow(chooser, 0, "Acc_ount", account, null, "Each account renews by its own settings, and hands its"
                + " token to its own files, hooks and Redis.");
        // One account has nothing to choose between.
        chooser.visibleProperty().bind(Bindings.size(account.getItems()).greaterThan(1));
        chooser.managedProperty().bind(chooser.visibleProperty());
        automatic.disableProperty().bind(model.accountProperty().isNull());

        GridPane grid = grid();
        grid.disableProperty().bind(model.accountProperty().isNull());
        TextField window = textField("loginWindow", model.loginWindowTextProperty(), "05:30-24:00");
        window.disableProperty().bind(model.automaticProperty().not());
        window.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                model.leftLoginWindow();
            }
        });
        addRow(grid, 0, "_Login window", window, model.loginWindowProblemProperty(),
                "Hours (IST) in which automatic logins happen, like 05:30-24:00, or \"always\". Upstox's"
                        + " login is often down at night.");

        TextField readyBy = textField("readyBy", model.readyByTextProperty(), "08:45");
        readyBy.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                model.leftReadyBy();
            }
        });
        addRow(grid, 3, "_Ready by", readyBy, model.readyByProblemProperty(),
                "Time (IST) by which a valid token must exist; without one the app raises an urgent alert."
                        + " 08:45 leaves half an hour before the market opens.");

        ComboBox<LoginMethod> method = new ComboBox<>();
        method.setId("loginMethod");
        method.getItems().setAll(LoginMethod.values());
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(LoginMethod value) {
                return value == null ? "" : Character.toUpperCase(value.description().charAt(0))
                        + value.description().substring(1);
            }

            @Override
            public LoginMethod fromString(String text) {
                return null; // the box is not editable: no typed text comes back
            }
        });
        method.valueProperty().bindBidirectional(model.loginMethodProperty());
        addRow(grid, 6, "Login _method", method, null,
                "How the token is renewed when it is time. An approval request needs `run --headless"
                        + " --notifier-listen` behind an HTTPS reverse proxy to receive Upstox's webhook.");
        return section("RENEWAL", chooser, automatic, grid);
    }

    private Node clipboardAndNotifications() {
        GridPane grid = grid();
        clipboard.setId("clipboardClear");
        clipboard.getItems().setAll(model.clipboardChoices());
        clipboard.valueProperty().bindBidirectional(model.clipboardClearingProperty());
        clipboard.setAccessibleText("Clear a copied token from the clipboard");
        addRow(grid, 0, "_Clear the clipboard", clipboard, null,
                "After Copy token, the clipboard is cleared after this time, if it still holds the token.");

        GridPane kinds = new GridPane();
        kinds.setHgap(24);
        kinds.setVgap(8);
        for (int column = 0; column < 2; column++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            kinds.getColumnConstraints().add(half);
        }
        List<NotificationKind> all = List.of(NotificationKind.values());
        int perColumn = (all.size() + 1) / 2;
        for (int i = 0; i < all.size(); i++) {
            NotificationKind kind = all.get(i);
            CheckBox box = new CheckBox(kind.label());
            box.setWrapText(true);
            box.setMinHeight(Region.USE_PREF_SIZE);
            box.setId("notify-" + kind.name());
            box.selectedProperty().bindBidirectional(model.notificationProperty(kind));
            box.setAccessibleText("Notify: " + kind.label());
            kinds.add(box, i / perColumn, i % perColumn);
        }
        Label caption = new Label("Show a notification when:");
        caption.getStyleClass().add("field-label");
        VBox notifications = new VBox(8, caption, kinds);
        return section("CLIPBOARD AND NOTIFICATIONS", grid, notifications);
    }

    private Node desktop() {
        CheckBox start = new CheckBox("Start Upstox Token Tray when I log _in");
        start.setId("startAtLogin");
        start.setMnemonicParsing(true);
        start.selectedProperty().bindBidirectional(model.startAtLoginProperty());
        start.setVisible(model.startAtLoginSupported());
        start.setManaged(model.startAtLoginSupported());

        GridPane grid = grid();
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("theme");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(model.themeProperty());
        addRow(grid, 0, "_Theme", theme, null, null);
        return section("DESKTOP", start, grid);
    }

    private Node footer() {
        Label notice = WindowParts.noticeLabel("notice", model.noticeProperty());
        VBox.setMargin(notice, new Insets(0, 24, 12, 24));

        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> stage.close());
        Button save = new Button("_Save");
        save.setId("save");
        save.setMnemonicParsing(true);
        save.setDefaultButton(true);
        save.setOnAction(event -> {
            if (model.save()) {
                Themes.applyToAll(model.saved().ui().theme());
                stage.close();
            } else {
                focusProblem();
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, save);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.getStyleClass().add("footer");
        return new VBox(notice, buttons);
    }

    private void focusProblem() {
        String id = !model.loginWindowProblemProperty().get().isEmpty() ? "#loginWindow"
                : !model.readyByProblemProperty().get().isEmpty() ? "#readyBy" : null;
        if (id != null) {
            Optional.ofNullable(scene.lookup(id)).ifPresent(Node::requestFocus);
        }
    }

    // ---- pieces ----

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints inputs = new ColumnConstraints(300, INPUT_WIDTH, Double.MAX_VALUE);
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, inputs);
        return grid;
    }

    private static TextField textField(String id, javafx.beans.property.StringProperty text, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(text);
        field.setPromptText(prompt);
        field.setPrefColumnCount(12);
        field.setMaxWidth(180);
        return field;
    }

    /** A label, a control, its problem (when it can have one) and a help line; three grid rows. */
    private static void addRow(GridPane grid, int row, String label, javafx.scene.control.Control control,
            ReadOnlyStringProperty problem, String help) {
        Label name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(control);
        name.getStyleClass().add("field-label");
        grid.add(name, 0, row);
        GridPane.setValignment(name, VPos.CENTER);
        grid.add(control, 1, row);
        if (problem != null) {
            Label text = new Label();
            text.setId(control.getId() + "-problem");
            text.getStyleClass().add("problem");
            text.setWrapText(true);
            text.setMinHeight(Region.USE_PREF_SIZE);
            text.textProperty().bind(problem);
            text.visibleProperty().bind(problem.isNotEmpty());
            text.managedProperty().bind(text.visibleProperty());
            GridPane.setMargin(text, new Insets(4, 0, 0, 0));
            grid.add(text, 1, row + 1);
            problem.addListener((o, old, now) -> {
                control.getStyleClass().remove("invalid");
                if (!now.isEmpty()) {
                    control.getStyleClass().add("invalid");
                }
                control.setAccessibleHelp(now.isEmpty() ? help : now + " " + help);
            });
        }
        control.setAccessibleHelp(help);
        if (help != null) {
            Label helpText = new Label(help);
            helpText.getStyleClass().add("help");
            helpText.setWrapText(true);
            helpText.setMinHeight(Region.USE_PREF_SIZE);
            GridPane.setMargin(helpText, new Insets(4, 0, 10, 0));
            grid.add(helpText, 1, row + 2);
        }
    }

    private static Node section(String heading, Node... content) {
        Label title = new Label(heading);
        title.getStyleClass().add("section");
        VBox box = new VBox(10);
        box.getChildren().add(title);
        box.getChildren().addAll(content);
        return box;
    }

}
