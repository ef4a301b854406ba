package dev.tokentray.ui.setup;

import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;

/**
 * A masked input with a Show/Hide toggle: a password field and a plain field on one text, one of them
 * visible. Ids: {@code id} for the masked field, {@code id-shown} for the plain one, {@code id-show}
 * for the toggle.
 */
final class SecretInput extends StackPane {
    private final PasswordField masked = new PasswordField();
    private final TextField plain = new TextField();
    private final ToggleButton reveal = new ToggleButton("Show");

    SecretInput(String id, String name, StringProperty text) {
        masked.setId(id);
        plain.setId(id + "-shown");
        reveal.setId(id + "-show");
        masked.textProperty().bindBidirectional(text);
        plain.textProperty().bindBidirectional(text);
        plain.setVisible(false);
        reveal.getStyleClass().add("reveal");
        reveal.setAccessibleText("Show the " + name);
        reveal.selectedProperty().addListener((observable, was, shown) -> {
            boolean focused = input().isFocused() || reveal.isFocused();
            plain.setVisible(shown);
            masked.setVisible(!shown);
            reveal.setText(shown ? "Hide" : "Show");
            reveal.setAccessibleText((shown ? "Hide the " : "Show the ") + name);
            if (focused && !reveal.isFocused()) {
                input().requestFocus();
            }
        });
        // The toggle sits inside the field's right end, so that every field of the form has one width.
        masked.getStyleClass().add("with-reveal");
        plain.getStyleClass().add("with-reveal");
        reveal.setFocusTraversable(true);
        StackPane.setAlignment(reveal, Pos.CENTER_RIGHT);
        StackPane.setMargin(reveal, new Insets(0, 3, 0, 0));
        getChildren().addAll(masked, plain, reveal);
    }

    /** The field that shows now. */
    TextInputControl input() {
        return reveal.isSelected() ? plain : masked;
    }

    TextInputControl masked() {
        return masked;
    }

    TextInputControl plain() {
        return plain;
    }

    ToggleButton reveal() {
        return reveal;
    }

    /** True while the value shows in plain text. */
    ReadOnlyBooleanProperty shown() {
        return reveal.selectedProperty();
    }

    void setPromptText(String prompt) {
        masked.setPromptText(Objects.requireNonNull(prompt));
        plain.setPromptText(prompt);
    }
}
