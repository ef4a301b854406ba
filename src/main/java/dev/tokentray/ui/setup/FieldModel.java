package dev.tokentray.ui.setup;

import dev.tokentray.upstox.CredentialField;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One value of the setup wizard: what the trader typed, and the problem to show under it. A problem
 * shows once the field was left with something in it, or once the trader asked to test, never while
 * the first characters are typed; from then on it follows each change. A value Upstox rejected
 * stays marked until it is changed. When it edits a stored secret, which is never shown, blank
 * keeps the stored value.
 */
public final class FieldModel {
    private final CredentialField field;
    private final StringProperty value;
    private final boolean blankKeepsStored;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean checked;
    private Optional<String> rejection = Optional.empty();
    private String rejectedValue;

    FieldModel(CredentialField field, String initial, boolean blankKeepsStored) {
        this.field = Objects.requireNonNull(field, "field");
        this.blankKeepsStored = blankKeepsStored;
        this.value = new SimpleStringProperty(this, "value", Objects.requireNonNullElse(initial, ""));
        this.checked = !this.value.get().isBlank(); // prefilled values are checked at once
        value.addListener((observable, old, now) -> {
            if (rejection.isPresent() && !Objects.equals(now, rejectedValue)) {
                rejection = Optional.empty();
            }
            update();
        });
        update();
    }

    public CredentialField field() {
        return field;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String value() {
        return Objects.requireNonNullElse(value.get(), "");
    }

    public void setValue(String text) {
        value.set(Objects.requireNonNullElse(text, ""));
    }

    /** The problem to show under the field; empty when none (or none yet). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public boolean showsProblem() {
        return !problem.get().isEmpty();
    }

    /** What is wrong with the value now, shown or not: a rejection by Upstox first, then the check. */
    public Optional<String> currentProblem() {
        return rejection.or(this::checkProblem);
    }

    /** True when blank means "keep the stored value", which the field never shows. */
    public boolean blankKeepsStored() {
        return blankKeepsStored;
    }

    /** The value does not pass its check (a rejection by Upstox aside: that one asks for confirmation). */
    boolean invalid() {
        return checkProblem().isPresent();
    }

    private Optional<String> checkProblem() {
        return blankKeepsStored && value().isBlank() ? Optional.empty() : field.problem(value());
    }

    /** The trader moved on from the field: its problem shows from now on, unless it is still empty. */
    public void left() {
        if (!value().isBlank()) {
            checked = true;
            update();
        }
    }

    /** Shows the problem, empty field or not (the trader asked to test). */
    void check() {
        checked = true;
        update();
    }

    /** Upstox turned this value down: marked until the trader changes it. */
    void reject(String message) {
        rejection = Optional.of(message);
        rejectedValue = value();
        checked = true;
        update();
    }

    boolean rejected() {
        return rejection.isPresent();
    }

    private void update() {
        problem.set(checked ? currentProblem().orElse("") : "");
    }

    @Override
    public String toString() {
        return "FieldModel[" + field + "]"; // never the value
    }
}
