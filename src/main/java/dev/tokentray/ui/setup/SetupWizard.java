package dev.tokentray.ui.setup;

import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.fx.SecondTicker;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import dev.tokentray.upstox.CredentialField;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The setup wizard's window: the six values with help and live checks, the live TOTP code,
 * "Import from .env…" and "Test and save" with its progress. The same window sets up a first
 * login (empty model) and edits the stored one (a model filled from {@code toFields()}).
 *
 * <p>Node ids for tests: {@code #mobile #pin #totpSecret #clientId #clientSecret #redirectUri}
 * (secret ones also {@code #pin-shown} and the toggle {@code #pin-show}), {@code #<id>-problem},
 * {@code #totpCode #totpSeconds #importEnv #importNotice #testAndSave #cancel #progress
 * #progressText #result}. Before sending values Upstox rejected, it asks in a dialog titled
 * "Send rejected values again?", whose default button is Cancel.
 */
public final class SetupWizard {
    private static final double LABEL_WIDTH = 124;
    private static final double FIELD_WIDTH = 400;

    private final SetupModel model;
    private final Stage stage = new Stage();
    private final Scene scene;
    private final Map<CredentialField, Node> focusTargets = new EnumMap<>(CredentialField.class);
    private final Label title = new Label();
    private final HBox titleRow = new HBox(10);
    private final Button testAndSave = new Button("Test and _save");
    private final Button cancel = new Button("Cancel");
    private final Button importEnv = new Button("_Import from .env…");

    /**
     * @param owner the window it belongs to (it is then modal to it), or null on first start
     */
    public SetupWizard(SetupModel model, Theme theme, Window owner) {
        this.model = Objects.requireNonNull(model, "model");
        BorderPane root = new BorderPane();
        root.setTop(header());
        Node form = form();
        ScrollPane scroll = WindowParts.formScroll(form);
        root.setCenter(scroll);
        root.setBottom(bottom());
        scene = new Scene(root);
        Themes.apply(scene, theme);

        stage.getProperties().put(SetupWizard.class, this);
        stage.setScene(scene);
        stage.setTitle(model.editing() ? "Upstox login – Upstox Token Tray" : "Set up – Upstox Token Tray");
        AppIcons.addTo(stage);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setOnCloseRequest(event -> {
            if (model.phase() == SetupModel.Phase.TESTING) {
                event.consume(); // the login cannot be stopped halfway; it ends within its time limits
            }
        });
        stage.setOnShowing(event -> {
            // Tall enough for the whole form; fitToScreen() shrinks it on a small screen, the form scrolls.
            root.applyCss();
            scroll.setPrefViewportHeight(form.prefHeight(form.prefWidth(-1)));
            stage.sizeToScene();
        });
        stage.setOnShown(event -> {
            fitToScreen();
            Node first = focusTargets.get(firstEmptyOrFirst());
            first.requestFocus();
            if (first instanceof TextInputControl input) {
                input.end(); // no select-all on a stored value, which one key would replace
            }
        });
        new SecondTicker(model.clock(), model::tick).whileShowing(stage);
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
        title.setText(model.editing() ? "Your Upstox login" : "Set up your Upstox login");
        title.getStyleClass().add("title");
        titleRow.setAlignment(Pos.CENTER_LEFT);
        titleRow.getChildren().add(title);
        Label intro = new Label(model.editing()
                ? "Change what is needed, then test. The PIN, TOTP secret and API secret are not shown: leave"
                        + " them blank to keep the stored ones. The new values replace the stored ones only after a"
                        + " login with them works."
                : "Upstox Token Tray logs in to Upstox for you each morning with these six values. They stay"
                        + " in this computer's keychain and go only to Upstox.");
        intro.getStyleClass().add("subtitle");
        intro.setWrapText(true);
        VBox header = new VBox(6, titleRow, intro);
        header.getStyleClass().add("header");
        header.setPrefWidth(LABEL_WIDTH + FIELD_WIDTH + 14 + 48);
        intro.setMaxWidth(LABEL_WIDTH + FIELD_WIDTH + 14);
        return header;
    }

    private Node form() {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(0);
        ColumnConstraints labels = new ColumnConstraints(LABEL_WIDTH);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints inputs = new ColumnConstraints(FIELD_WIDTH, FIELD_WIDTH, Double.MAX_VALUE);
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, inputs);

        int row = 0;
        row = section(grid, row, "YOUR UPSTOX ACCOUNT", false);
        for (CredentialField field : List.of(CredentialField.MOBILE, CredentialField.PIN, CredentialField.TOTP_SECRET)) {
            row = field(grid, row, field);
        }
        row = totpCode(grid, row);
        row = section(grid, row, "YOUR UPSTOX API APP", true);
        for (CredentialField field : List.of(CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET,
                CredentialField.REDIRECT_URI)) {
            row = field(grid, row, field);
        }
        grid.getStyleClass().add("form");
        return grid;
    }

    private int section(GridPane grid, int row, String text, boolean gapAbove) {
        Label heading = new Label(text);
        heading.getStyleClass().add("section");
        GridPane.setMargin(heading, new Insets(gapAbove ? 18 : 0, 0, 8, 0));
        grid.add(heading, 0, row, 2, 1);
        return row + 1;
    }

    private int field(GridPane grid, int row, CredentialField field) {
        FieldModel fieldModel = model.field(field);
        String id = FieldHelp.nodeId(field);
        Label label = new Label(FieldHelp.mnemonicLabel(field));
        label.setMnemonicParsing(true);
        label.getStyleClass().add("field-label");
        label.setMinWidth(Region.USE_PREF_SIZE);

        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(fieldModel.problemProperty());
        problem.visibleProperty().bind(fieldModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label help = new Label(FieldHelp.of(field));
        help.setId(id + "-help");
        help.getStyleClass().add("help");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        // The problems say where to look as well, so the help steps aside while one shows.
        help.visibleProperty().bind(problem.visibleProperty().not());
        help.managedProperty().bind(help.visibleProperty());
        GridPane.setMargin(help, new Insets(4, 0, 14, 0));
        GridPane.setMargin(problem, new Insets(4, 0, 14, 0));

        Node input;
        List<TextInputControl> controls;
        if (field.isSecret()) {
            SecretInput secret = new SecretInput(id, field.label(), fieldModel.valueProperty());
            secret.setPromptText(fieldModel.blankKeepsStored() ? "Stored, not shown: type to replace it" : FieldHelp.prompt(field));
            label.labelForProperty().bind(Bindings.when(secret.shown())
                    .<Node>then(secret.plain()).otherwise(secret.masked()));
            controls = List.of(secret.masked(), secret.plain());
            secret.disableProperty().bind(model.phaseProperty().isNotEqualTo(SetupModel.Phase.EDITING));
            focusTargets.put(field, secret.masked());
            input = secret;
        } else {
            TextField text = new TextField();
            text.setId(id);
            text.textProperty().bindBidirectional(fieldModel.valueProperty());
            text.setPromptText(FieldHelp.prompt(field));
            text.disableProperty().bind(model.phaseProperty().isNotEqualTo(SetupModel.Phase.EDITING));
            label.setLabelFor(text);
            controls = List.of(text);
            focusTargets.put(field, text);
            input = text;
        }
        for (TextInputControl control : controls) {
            control.setAccessibleText(field.label());
            control.focusedProperty().addListener((observable, was, focused) -> {
                if (!focused) {
                    fieldModel.left();
                }
            });
            fieldModel.problemProperty().addListener((observable, old, now) -> markInvalid(control, now, field));
            markInvalid(control, fieldModel.problemProperty().get(), field);
        }

        grid.add(label, 0, row);
        GridPane.setValignment(label, VPos.CENTER);
        grid.add(input, 1, row);
        grid.add(problem, 1, row + 1);
        grid.add(help, 1, row + 2);
        if (field == CredentialField.REDIRECT_URI) {
            grid.add(browserLoginHint(fieldModel, problem), 1, row + 3);
            return row + 4;
        }
        return row + 3;
    }

    /** Under the redirect URI, live: what it means for the login with the browser. */
    private static Label browserLoginHint(FieldModel redirect, Label problem) {
        Label hint = new Label();
        hint.setId("redirectUri-browser-hint");
        hint.getStyleClass().add("help");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.textProperty().bind(Bindings.createStringBinding(
                () -> FieldHelp.browserLoginHint(redirect.value()).orElse(""), redirect.valueProperty()));
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty().and(problem.visibleProperty().not()));
        hint.managedProperty().bind(hint.visibleProperty());
        GridPane.setMargin(hint, new Insets(-8, 0, 14, 0));
        return hint;
    }

    private static void markInvalid(TextInputControl control, String problem, CredentialField field) {
        boolean invalid = !problem.isEmpty();
        if (invalid && !control.getStyleClass().contains("invalid")) {
            control.getStyleClass().add("invalid");
        } else if (!invalid) {
            control.getStyleClass().remove("invalid");
        }
        control.setAccessibleHelp(invalid ? problem + " " + FieldHelp.of(field) : FieldHelp.of(field));
    }

    private int totpCode(GridPane grid, int row) {
        Label caption = new Label("Current code");
        caption.getStyleClass().add("muted");
        Label code = new Label();
        code.setId("totpCode");
        code.getStyleClass().add("totp-code");
        code.textProperty().bind(model.totpCodeProperty());
        code.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar left = new ProgressBar();
        left.progressProperty().bind(model.totpFractionProperty());
        left.setPrefWidth(90);
        left.setFocusTraversable(false);
        left.setAccessibleText("Time left for this code");
        Label seconds = new Label();
        seconds.setId("totpSeconds");
        seconds.getStyleClass().add("totp-seconds");
        seconds.textProperty().bind(model.totpSecondsProperty());
        seconds.setMinWidth(Region.USE_PREF_SIZE);
        Label compare = new Label();
        compare.getStyleClass().add("help");
        compare.setWrapText(true);
        compare.setMinHeight(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(12, caption, code, spacer, left, seconds);
        line.setAlignment(Pos.CENTER_LEFT);
        Runnable texts = () -> {
            boolean has = model.hasTotpCode();
            compare.setText(has
                    ? "It should match the code your authenticator app shows now."
                    : "The current code shows here once the TOTP secret is complete.");
            line.setVisible(has);
            line.setManaged(has);
            code.setAccessibleText(has
                    ? "Current TOTP code " + model.totpCodeProperty().get().replace(" ", "") + ", "
                            + model.totpSecondsProperty().get().replace(" s", " seconds") + " left"
                    : "No TOTP code yet");
        };
        model.totpCodeProperty().addListener((observable, old, now) -> texts.run());
        texts.run();
        code.setFocusTraversable(false);

        VBox box = new VBox(2, line, compare);
        box.getStyleClass().add("totp-box");
        box.setId("totpBox");
        GridPane.setMargin(box, new Insets(0, 0, 6, 0));
        grid.add(box, 1, row);
        return row + 1;
    }

    private Node bottom() {
        ProgressBar progress = new ProgressBar();
        progress.setId("progress");
        progress.getStyleClass().add("look-renewing");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setAccessibleText("Test login progress");
        Label progressText = new Label();
        progressText.setId("progressText");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.setLabelFor(progress);
        VBox progressBox = new VBox(6, progressText, progress);
        progressBox.visibleProperty().bind(model.phaseProperty().isEqualTo(SetupModel.Phase.TESTING));
        progressBox.managedProperty().bind(progressBox.visibleProperty());

        Label result = WindowParts.noticeLabel("result", model.resultProperty());
        Label importNotice = WindowParts.noticeLabel("importNotice", model.importNoticeProperty());

        VBox status = new VBox(8, progressBox, result, importNotice);
        status.setPadding(new Insets(12, 24, 0, 24));
        status.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> progressBox.isVisible() || result.isVisible() || importNotice.isVisible(),
                progressBox.visibleProperty(), result.visibleProperty(), importNotice.visibleProperty()));
        status.managedProperty().bind(status.visibleProperty());
        VBox.setMargin(status, new Insets(0, 0, 12, 0));

        importEnv.setId("importEnv");
        importEnv.setMnemonicParsing(true);
        importEnv.setOnAction(event -> chooseDotEnv());
        importEnv.disableProperty().bind(model.phaseProperty().isNotEqualTo(SetupModel.Phase.EDITING));
        importEnv.setAccessibleHelp("Fill the fields from a .env file with the UPSTOX_ variables of the upstox-totp SDK");

        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> stage.close());
        cancel.disableProperty().bind(model.phaseProperty().isEqualTo(SetupModel.Phase.TESTING));
        cancel.visibleProperty().bind(model.phaseProperty().isNotEqualTo(SetupModel.Phase.SUCCEEDED));
        cancel.managedProperty().bind(cancel.visibleProperty());

        testAndSave.setId("testAndSave");
        testAndSave.setMnemonicParsing(true);
        testAndSave.setDefaultButton(true);
        testAndSave.setAccessibleHelp("Logs in to Upstox once with these values and saves them only when it works");
        testAndSave.disableProperty().bind(model.phaseProperty().isEqualTo(SetupModel.Phase.TESTING));
        model.phaseProperty().addListener((observable, old, phase) -> phaseChanged(phase));
        // Asked once the test's outcome is shown, outside the property's change, since the question waits for an answer.
        model.retryQuestionProperty().addListener((observable, old, question) -> {
            if (!question.isEmpty()) {
                Platform.runLater(() -> askToRetry(question));
            }
        });
        testAndSave.setOnAction(event -> {
            if (model.phase() == SetupModel.Phase.SUCCEEDED) {
                stage.close();
            } else if (!model.testAndSave()) {
                model.firstProblem().map(focusTargets::get).ifPresent(Node::requestFocus);
            }
        });

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, importEnv, spacer, cancel, testAndSave);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.getStyleClass().add("footer");
        return new VBox(status, buttons);
    }

    private void phaseChanged(SetupModel.Phase phase) {
        switch (phase) {
            case TESTING -> testAndSave.setText("Testing…");
            case SUCCEEDED -> {
                testAndSave.setText("Done");
                testAndSave.requestFocus();
            }
            case EDITING -> {
                testAndSave.setText("Test and _save");
                model.firstProblem().map(focusTargets::get).ifPresent(Node::requestFocus);
            }
        }
    }

    /** Values Upstox rejected: sent once more only when the trader says so, Cancel being the default. */
    private void askToRetry(String question) {
        Alert confirm = WindowParts.riskyConfirmation("Send rejected values again?", "Upstox rejected these values"
                + " before", question, "Send once more");
        confirm.initOwner(stage);
        Themes.apply(confirm, Themes.of(scene));
        if (WindowParts.wentAhead(confirm)) {
            model.confirmRetry();
        } else {
            model.declineRetry();
        }
    }

    private void chooseDotEnv() {
        FileChooser chooser = new FileChooser();
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        chooser.setTitle(linux ? "Import from .env (Ctrl+H shows hidden files such as .env)" : "Import from .env");
        File home = new File(System.getProperty("user.home", "."));
        if (home.isDirectory()) {
            chooser.setInitialDirectory(home);
        }
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            importDotEnv(file.toPath());
        }
    }

    /**
     * Fills the form from a .env file, as "Import from .env…" does once the trader picked one; the
     * focus goes to the first field with a problem. Public for tests, which cannot drive the
     * native file chooser. FX thread.
     */
    public void importDotEnv(Path file) {
        model.importDotEnv(file);
        model.firstProblem().map(focusTargets::get).ifPresent(Node::requestFocus);
    }

    /** The wizard that {@code window} shows, if it is one (tests find it among the open windows). */
    public static Optional<SetupWizard> of(Window window) {
        return window.getProperties().get(SetupWizard.class) instanceof SetupWizard wizard
                ? Optional.of(wizard) : Optional.empty();
    }

    private CredentialField firstEmptyOrFirst() {
        for (CredentialField field : CredentialField.values()) {
            if (model.field(field).value().isBlank() && !model.field(field).blankKeepsStored()) {
                return field;
            }
        }
        return CredentialField.MOBILE;
    }

    /** On a small screen the window keeps to it; the form scrolls. */
    private void fitToScreen() {
        WindowParts.keepOnScreen(stage);
        stage.setMinWidth(Math.min(stage.getWidth(), 560));
        stage.setMinHeight(Math.min(stage.getHeight(), 420));
    }

}
