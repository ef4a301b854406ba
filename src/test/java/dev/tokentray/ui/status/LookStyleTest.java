package dev.tokentray.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

class LookStyleTest {

    @Test
    void theSameLookAgainChangesNoStyleClassAndANewOneReplacesTheOld() {
        Region node = new Region();
        node.getStyleClass().add("status-dot");
        LookStyle.apply(Look.VALID, node);
        List<String> changes = new ArrayList<>();
        node.getStyleClass().addListener((ListChangeListener<String>) change -> changes.add(change.toString()));

        LookStyle.apply(Look.VALID, node); // a second's tick
        assertThat(changes).as("each change makes JavaFX apply the CSS again").isEmpty();

        LookStyle.apply(Look.EXPIRED, node);
        assertThat(node.getStyleClass()).containsExactly("status-dot", Look.EXPIRED.styleClass());
        assertThat(changes).hasSize(2);
    }
}
