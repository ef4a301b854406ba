package dev.tokentray.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.testsupport.OwnWindowsFxTest;
import dev.tokentray.ui.fx.WindowParts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A window sized to its scrolling form on the test run's X display: as tall as the form when the
 * screen has room, else as tall as the screen from the moment it shows, never taller first.
 */
class WindowPartsFxTest extends OwnWindowsFxTest {
    private static final double FORM_WIDTH = 400;

    private final List<Double> heightsShown = new CopyOnWriteArrayList<>();
    private Stage stage;
    private ScrollPane scroll;

    @Test
    void aFormTallerThanTheScreenShowsAtTheScreensHeightAtOnceAndScrolls() throws Exception {
        double screen = Fx.call(() -> Screen.getPrimary().getVisualBounds().getHeight());
        showWithForm(2 * screen);

        assertThat(heightsShown).as("every height the window had since it showed").isNotEmpty()
                .allSatisfy(height -> assertThat(height).isLessThanOrEqualTo(screen));
        assertThat(Fx.call(() -> stage.getHeight())).isEqualTo(screen);
        assertThat(Fx.call(() -> scroll.getViewportBounds().getHeight())).as("the form scrolls").isLessThan(screen);
    }

    @Test
    void aFormThatFitsShowsWhole() throws Exception {
        showWithForm(300);

        assertThat(Fx.call(() -> scroll.getViewportBounds().getHeight())).isEqualTo(300);
        assertThat(heightsShown).as("sized once, before it showed").containsOnly(Fx.call(() -> stage.getHeight()));
    }

    private void showWithForm(double formHeight) throws Exception {
        Fx.run(() -> {
            Region form = new Region();
            form.setPrefSize(FORM_WIDTH, formHeight);
            scroll = WindowParts.formScroll(form);
            stage = new Stage();
            stage.setScene(new Scene(new BorderPane(scroll, new Label("Header"), null, new Label("Footer"), null)));
            stage.heightProperty().subscribe(height -> {
                if (stage.isShowing()) {
                    heightsShown.add(height.doubleValue());
                }
            });
            stage.getScene().getRoot().applyCss();
            WindowParts.fitToForm(stage, scroll, form.prefHeight(FORM_WIDTH));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
