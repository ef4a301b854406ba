package dev.tokentray.ui.follow;

import dev.tokentray.token.Secret;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Add account → "Follow a token in Redis": the Redis URL, the user id, the password and a label.
 * Follow stays disabled while the fields cannot be used, and a line says why. The password is
 * read from its field once, when the trader chooses Follow, and the field is emptied.
 */
public final class FollowRedisDialog {
    private FollowRedisDialog() {}

    public static Dialog<FollowRedisForm> of(Optional<Window> owner) {
        Dialog<FollowRedisForm> dialog = new Dialog<>();
        owner.ifPresent(dialog::initOwner);
        dialog.setTitle("Follow a token in Redis – Upstox Token Tray");
        dialog.setHeaderText("Show and copy a token another machine renews and puts in Redis (its Redis output)."
                + " This computer never logs in, and keeps no Upstox credentials.");
        TextField label = field("follow-label", "VPS", "The account's label");
        TextField url = field("follow-url", "rediss://laptop@vps.example.com:6380/0", "The Redis URL");
        TextField userId = field("follow-user-id", "AB1234", "The account's Upstox user id");
        PasswordField password = new PasswordField();
        password.setId("follow-password");
        password.setPromptText("kept in the keychain");
        password.setAccessibleText("The Redis user's password, kept in the keychain");
        Label problem = new Label();
        problem.setId("follow-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(440);

        GridPane grid = new GridPane(10, 8);
        addRow(grid, 0, "Label:", label);
        addRow(grid, 1, "Redis URL:", url);
        addRow(grid, 2, "Upstox user id:", userId);
        addRow(grid, 3, "Password:", password);
        grid.add(problem, 0, 4, 2, 1);
        dialog.getDialogPane().setContent(grid);
        ButtonType follow = new ButtonType("Follow", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(follow, ButtonType.CANCEL);
        Node followButton = dialog.getDialogPane().lookupButton(follow);
        followButton.setId("follow-ok");

        Runnable check = () -> {
            Optional<String> why = form(label, url, userId, Optional.empty()).problem();
            problem.setText(why.orElse(""));
            followButton.setDisable(why.isPresent());
        };
        label.textProperty().addListener((observable, before, now) -> check.run());
        url.textProperty().addListener((observable, before, now) -> check.run());
        userId.textProperty().addListener((observable, before, now) -> check.run());
        check.run();
        dialog.setResultConverter(button -> {
            Optional<Secret> typed = password.getText().isEmpty() ? Optional.empty()
                    : Optional.of(Secret.of(password.getText()));
            password.clear();
            return button == follow ? form(label, url, userId, typed) : null;
        });
        return dialog;
    }

    private static FollowRedisForm form(TextField label, TextField url, TextField userId, Optional<Secret> password) {
        return new FollowRedisForm(label.getText(), url.getText(), userId.getText(), password);
    }

    private static TextField field(String id, String prompt, String accessible) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setAccessibleText(accessible);
        field.setPrefColumnCount(28);
        return field;
    }

    private static void addRow(GridPane grid, int row, String text, Node field) {
        Label name = new Label(text);
        name.setLabelFor(field);
        grid.addRow(row, name, field);
    }
}
