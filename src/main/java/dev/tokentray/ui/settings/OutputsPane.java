package dev.tokentray.ui.settings;

import dev.tokentray.output.FileFormat;
import dev.tokentray.output.OutputConfig;
import dev.tokentray.ui.fx.WindowParts;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The settings window's part for the token's outputs: the list (files, hooks, Redis), Remove for a
 * token file, and a row to add one. Node ids for tests: {@code #outputs #removeOutput #outputFormat
 * #outputPath #browseOutput #addOutput #outputsNotice}.
 */
public final class OutputsPane {
    private static final double PREFERRED_WIDTH = 660;
    private final OutputsModel model;
    private final VBox root;

    /** @param owner the settings window, for the file chooser */
    public OutputsPane(OutputsModel model, Window owner) {
        this.model = model;
        ListView<OutputConfig> list = new ListView<>(model.outputs());
        list.setId("outputs");
        list.setPrefHeight(110);
        list.setAccessibleText("Where each new token goes");
        list.setPlaceholder(new Label("No token file, hook or Redis yet."));
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(OutputConfig output, boolean empty) {
                super.updateItem(output, empty);
                setText(empty || output == null ? null : output.summary());
            }
        });
        Button remove = new Button("_Remove");
        remove.setId("removeOutput");
        remove.setMnemonicParsing(true);
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            OutputConfig selected = list.getSelectionModel().getSelectedItem();
            return selected == null || !OutputsModel.removable(selected);
        }, list.getSelectionModel().selectedItemProperty()));
        remove.setOnAction(event -> Optional.ofNullable(list.getSelectionModel().getSelectedItem()).ifPresent(model::remove));
        remove.setAccessibleHelp("Removes the selected token file from the list; the file itself stays");

        ComboBox<FileFormat> format = new ComboBox<>();
        format.setId("outputFormat");
        format.getItems().setAll(FileFormat.values());
        format.valueProperty().bindBidirectional(model.formatProperty());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(FileFormat value) {
                return value == null ? "" : value.id();
            }

            @Override
            public FileFormat fromString(String text) {
                return FileFormat.of(text);
            }
        });
        format.setAccessibleText("The token file's format");
        TextField path = new TextField();
        path.setId("outputPath");
        path.setPromptText("~/bot/.env");
        path.textProperty().bindBidirectional(model.pathProperty());
        path.setAccessibleText("The token file's path");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("_Browse…");
        browse.setId("browseOutput");
        browse.setMnemonicParsing(true);
        browse.setOnAction(event -> choose(owner));
        Button add = new Button("_Add token file");
        add.setId("addOutput");
        add.setMnemonicParsing(true);
        add.setOnAction(event -> model.addFile());
        path.setOnAction(event -> model.addFile());
        HBox addRow = new HBox(8, format, path, browse, add);

        Label help = new Label("Each new token is written to these files (owner-only, replaced as a whole): plain (the"
                + " token), dotenv (UPSTOX_ACCESS_TOKEN= in your .env, its other lines kept) or json. Hooks and Redis"
                + " are added with `upstox-token-tray outputs add hook|redis`.");
        help.getStyleClass().add("help");
        help.setWrapText(true);
        help.setMinHeight(Region.USE_PREF_SIZE);
        root = new VBox(8, help, list, remove, addRow, WindowParts.noticeLabel("outputsNotice", model.noticeProperty()));
        // As wide as the window's other sections: the wrapping texts must not widen it to one line's length.
        root.setPrefWidth(PREFERRED_WIDTH);
    }

    public Node node() {
        return root;
    }

    private void choose(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Token file");
        chooser.setInitialFileName(model.formatProperty().get() == FileFormat.DOTENV ? ".env" : "upstox-token");
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            model.pathProperty().set(Path.of(chosen.getPath()).toAbsolutePath().toString());
        }
    }
}
