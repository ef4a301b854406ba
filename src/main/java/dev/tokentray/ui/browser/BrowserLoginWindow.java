package dev.tokentray.ui.browser;

import dev.tokentray.ui.browser.BrowserLoginModel.Phase;
import dev.tokentray.ui.fx.AppIcons;
import dev.tokentray.ui.fx.SecondTicker;
import dev.tokentray.ui.fx.WindowParts;
import dev.tokentray.ui.settings.Theme;
import dev.tokentray.ui.settings.Themes;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The browser login's window: Upstox's login address (selectable, Copy, Open browser), then the
 * wait for the browser's return with the time left, or the field for the address the browser
 * ended on, and what became of it. It only shows a {@link BrowserLoginModel}; closing it cancels.
 *
 * <p>Node ids for tests: {@code #address #copy-address #open-browser #browser-notice #waiting
 * #waiting-text #time-left #paste-box #pasted #paste-login #result #start-again #close}.
 */
public final class BrowserLoginWindow {
    public static final String TITLE = "Log in with the browser – Upstox Token Tray";
    private static final double PREFERRED_WIDTH = 560;

    private final BrowserLoginModel model;
    private final Stage stage = new Stage();
    private final HBox titleRow = new HBox(10);

    public BrowserLoginWindow(BrowserLoginModel model, Theme theme) {
        this.model = Objects.requireNonNull(model, "model");
        BorderPane root = new BorderPane(body(), header(), null, footer(), null);
        root.setPrefWidth(PREFERRED_WIDTH);
        Scene scene = new Scene(root);
        Themes.apply(scene, theme);
        stage.getProperties().put(BrowserLoginWindow.class, this);
        stage.setScene(scene);
        stage.setTitle(TITLE);
        stage.setMinWidth(460);
        AppIcons.addTo(stage);
        // Closing the window ends the login: the listener must not hold the port for minutes.
        stage.setOnHidden(event -> model.cancel());
        stage.setOnShown(event -> WindowParts.keepOnScreen(stage));
        // A section that appears or goes (the wait, the paste field, a notice) needs a new height.
        model.phaseProperty().addListener((observable, old, now) -> fit());
        model.resultProperty().addListener((observable, old, now) -> fit());
        model.browserProperty().addListener((observable, old, now) -> fit());
        new SecondTicker(model.clock(), model::tick).whileShowing(stage);
    }

    /** Shows the window and starts the login. */
    public void show() {
        stage.show();
        stage.toFront();
        model.start();
    }

    /** Brings it forward (the trader asked for the browser login while this one is open). */
    public void toFront() {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the "Demo" badge beside the title (demo mode). */
    public void showDemoBadge() {
        titleRow.getChildren().add(WindowParts.demoBadge());
    }

    /** The window that {@code window} shows, if it is one (tests find it among the open windows). */
    public static Optional<BrowserLoginWindow> of(Window window) {
        return window.getProperties().get(BrowserLoginWindow.class) instanceof BrowserLoginWindow found
                ? Optional.of(found) : Optional.empty();
    }

    // ---- layout ----

    private Node header() {
        Label title = new Label("Log in with the browser");
        title.getStyleClass().add("title");
        titleRow.setAlignment(Pos.CENTER_LEFT);
        titleRow.getChildren().add(title);
        Label intro = wrapped(new Label("For when the automatic login is blocked or has changed: you log in on"
                + " Upstox's own page in your browser, and the app takes the token from there. It goes to the"
                + " keychain like any other; the automatic login tries again the next day."));
        intro.getStyleClass().add("subtitle");
        VBox header = new VBox(6, titleRow, intro);
        header.getStyleClass().add("header");
        return header;
    }

    private Node body() {
        TextField address = new TextField();
        address.setId("address");
        address.setEditable(false); // selectable, not changeable
        address.textProperty().bind(model.addressProperty());
        address.setPromptText("Making the login's address…");
        address.setAccessibleText("Upstox's login address");
        HBox.setHgrow(address, Priority.ALWAYS);
        Button copy = new Button("Cop_y");
        copy.setId("copy-address");
        copy.setAccessibleHelp("Copies the login address, to open it in a browser of your choice");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.addressProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button open = new Button("_Open browser");
        open.setId("open-browser");
        open.setOnAction(event -> model.openBrowser());
        copy.disableProperty().bind(model.addressProperty().isEmpty());
        open.disableProperty().bind(model.addressProperty().isEmpty().or(model.phaseProperty().isNotEqualTo(Phase.WAITING)
                .and(model.phaseProperty().isNotEqualTo(Phase.PASTE))));
        HBox addressLine = new HBox(8, address, copy, open);
        addressLine.setAlignment(Pos.CENTER_LEFT);

        Label browserNotice = WindowParts.noticeLabel("browser-notice", model.browserProperty());

        VBox body = new VBox(10, WindowParts.section("Upstox's login page"), addressLine, browserNotice, WindowParts.section("Back from Upstox"),
                waiting(), pasteBox(), WindowParts.noticeLabel("result", model.resultProperty()));
        body.getStyleClass().add("form");
        return body;
    }

    private Node waiting() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.setMinSize(22, 22);
        spinner.getStyleClass().add("look-renewing");
        spinner.setFocusTraversable(false);
        Label text = wrapped(new Label());
        text.setId("waiting-text");
        text.textProperty().bind(model.waitingProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Label left = new Label();
        left.setId("time-left");
        left.getStyleClass().add("muted");
        left.setMinWidth(Region.USE_PREF_SIZE);
        left.textProperty().bind(model.timeLeftProperty());
        left.setAccessibleText("Time left to log in");
        HBox box = new HBox(10, spinner, text, left);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("waiting");
        showIn(box, Phase.WAITING);
        return box;
    }

    private Node pasteBox() {
        Label caption = new Label("_Paste the address the browser ended on");
        caption.setMnemonicParsing(true);
        caption.getStyleClass().add("field-label");
        TextField pasted = new TextField();
        pasted.setId("pasted");
        pasted.setPromptText("http…?code=…&state=…");
        pasted.setAccessibleText("The address the browser ended on");
        caption.setLabelFor(pasted);
        HBox.setHgrow(pasted, Priority.ALWAYS);
        Button logIn = new Button("_Log in");
        logIn.setId("paste-login");
        logIn.setDefaultButton(true);
        logIn.disableProperty().bind(pasted.textProperty().isEmpty());
        logIn.setOnAction(event -> model.submitPasted(pasted.getText()));
        Label help = wrapped(new Label("Your redirect URI is not on this computer, so the app cannot hear the"
                + " browser's return: once Upstox shows its page there (or an error page), copy the whole address"
                + " from the browser's address bar and paste it here. It carries the login code: give it to no one."));
        help.getStyleClass().add("help");
        HBox line = new HBox(8, pasted, logIn);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, caption, line, help);
        box.setId("paste-box");
        showIn(box, Phase.PASTE);
        box.visibleProperty().addListener((observable, was, shown) -> {
            if (shown) {
                pasted.requestFocus();
            }
        });
        return box;
    }

    private Node footer() {
        Button again = new Button("Start _again");
        again.setId("start-again");
        again.setOnAction(event -> model.start());
        again.visibleProperty().bind(model.phaseProperty().isEqualTo(Phase.FAILED));
        again.managedProperty().bind(again.visibleProperty());
        Button close = new Button();
        close.setId("close");
        close.setCancelButton(true);
        close.textProperty().bind(Bindings.when(model.phaseProperty().isEqualTo(Phase.DONE)
                .or(model.phaseProperty().isEqualTo(Phase.FAILED))).then("Close").otherwise("Cancel"));
        close.setOnAction(event -> stage.close());
        model.phaseProperty().addListener((observable, old, phase) -> {
            if (phase == Phase.DONE) {
                close.setDefaultButton(true);
                close.requestFocus();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox footer = new HBox(8, gap, again, close);
        footer.getStyleClass().add("footer");
        return footer;
    }

    private void showIn(Node node, Phase phase) {
        node.visibleProperty().bind(model.phaseProperty().isEqualTo(phase));
        node.managedProperty().bind(node.visibleProperty());
    }

    private static Label wrapped(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private void fit() {
        if (stage.isShowing()) {
            stage.sizeToScene();
            WindowParts.keepOnScreen(stage);
        }
    }
}
