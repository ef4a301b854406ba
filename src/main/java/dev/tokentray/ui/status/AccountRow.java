package dev.tokentray.ui.status;

import dev.tokentray.vault.Profile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One account's row in the status window: a selectable part (its look's icon, name and Upstox user),
 * the state and time left, Copy, Renew now, and a menu of the rest. Each part is reached by Tab and
 * named for screen readers; the node ids end in the profile's name ({@code copy-default}).
 */
final class AccountRow {
    private static final double ICON_SIZE = 20;
    private static final double SELECT_WIDTH = 220;
    private static final double STATE_WIDTH = 140;
    /** The looks' icons, the tray's own at 32 pixels, drawn at 20: read once. FX thread only. */
    private static final Map<Look, Image> ICONS = new EnumMap<>(Look.class);

    private final HBox root = new HBox(10);
    private final ToggleButton select = new ToggleButton();
    private final ImageView icon = new ImageView();
    private final Label name = new Label();
    private final Label user = new Label();
    private final Label state = new Label();
    private final Label timeLeft = new Label();
    private final Button copy = new Button("Copy");
    private final Button renew = new Button("Renew now");
    private final MenuButton more = new MenuButton("⋯");
    private final MenuItem browserLogin = new MenuItem("Log in with browser…");
    private final MenuItem credentials = new MenuItem("Edit credentials…");
    private final MenuItem approval = new MenuItem("Request approval…");
    private Look shown;

    AccountRow(Profile profile, ToggleGroup group, StatusWindow.Actions actions, Consumer<Profile> selected,
            BiConsumer<Profile, Integer> arrowKey) {
        String id = profile.name();
        root.setId("account-" + id);
        root.getStyleClass().add("account-row");
        root.setAlignment(Pos.CENTER_LEFT);

        icon.setFitWidth(ICON_SIZE);
        icon.setFitHeight(ICON_SIZE);
        icon.setPreserveRatio(true);
        name.getStyleClass().add("account-name");
        name.setId("name-" + id);
        user.getStyleClass().add("help");
        user.setId("user-" + id);
        VBox who = new VBox(2, name, user);
        HBox selectContent = new HBox(10, icon, who);
        selectContent.setAlignment(Pos.CENTER_LEFT);
        select.setGraphic(selectContent);
        select.setToggleGroup(group);
        select.setId("select-" + id);
        select.getStyleClass().add("account-select");
        // The same widths in every row, so that the rows' parts line up whatever the names' lengths.
        select.setPrefWidth(SELECT_WIDTH);
        select.setMinWidth(SELECT_WIDTH / 2);
        select.setMaxWidth(Double.MAX_VALUE);
        select.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(select, Priority.ALWAYS);
        // A selected row stays selected: a second click does not leave the window without one.
        select.setOnAction(event -> {
            select.setSelected(true);
            selected.accept(profile);
        });
        select.setOnKeyPressed(event -> {
            switch (event.getCode()) {
                case UP -> arrowKey.accept(profile, -1);
                case DOWN -> arrowKey.accept(profile, 1);
                default -> {
                    return;
                }
            }
            event.consume();
        });

        state.getStyleClass().add("look-text");
        state.setId("state-" + id);
        timeLeft.getStyleClass().add("help");
        timeLeft.setId("time-left-" + id);
        VBox stateBox = new VBox(2, state, timeLeft);
        stateBox.setAlignment(Pos.CENTER_RIGHT);
        stateBox.setMinWidth(STATE_WIDTH);
        stateBox.setPrefWidth(STATE_WIDTH);

        copy.setId("copy-" + id);
        copy.setOnAction(event -> actions.copyToken(profile));
        renew.setId("renew-" + id);
        renew.setOnAction(event -> actions.renewNow(profile));
        more.setId("more-" + id);
        browserLogin.setId("browser-login-" + id);
        browserLogin.setOnAction(event -> actions.browserLogin(profile));
        approval.setId("request-approval-" + id);
        approval.setOnAction(event -> actions.requestApproval(profile));
        credentials.setId("edit-credentials-" + id);
        credentials.setOnAction(event -> actions.editCredentials(profile));
        MenuItem history = item("History…", "history-" + id, () -> actions.history(profile));
        MenuItem rename = item("Rename…", "rename-" + id, () -> actions.rename(profile));
        MenuItem up = item("Move up", "move-up-" + id, () -> actions.move(profile, -1));
        MenuItem down = item("Move down", "move-down-" + id, () -> actions.move(profile, 1));
        MenuItem remove = item("Remove…", "remove-" + id, () -> actions.remove(profile));
        more.getItems().setAll(browserLogin, approval, credentials, history, new SeparatorMenuItem(), rename, up, down,
                new SeparatorMenuItem(), remove);
        for (Control fixed : List.of(copy, renew, more)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        root.getChildren().setAll(select, stateBox, copy, renew, more);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
    }

    HBox node() {
        return root;
    }

    ToggleButton selectButton() {
        return select;
    }

    /** Shows the row's account as it is now. */
    void show(AccountListModel.Row row, boolean selected) {
        if (row.look() != shown) {
            LookStyle.apply(row.look(), root);
            icon.setImage(ICONS.computeIfAbsent(row.look(), look -> new Image(AccountRow.class
                    .getResource("/dev/tokentray/ui/icons/" + look.icon() + "-32.png").toExternalForm())));
            shown = row.look();
        }
        name.setText(row.name());
        user.setText(row.upstoxUser());
        state.setText(row.state());
        timeLeft.setText(row.timeLeft());
        select.setSelected(selected);
        select.setAccessibleText(row.accessibleText() + (selected ? ", selected" : ""));
        copy.setDisable(!row.canCopy());
        copy.setAccessibleText("Copy the token of " + row.name());
        renew.setDisable(!row.canRenew());
        renew.setAccessibleText("Renew the token of " + row.name() + " now");
        more.setAccessibleText("More for " + row.name() + ": browser login, approval, credentials, history, rename, move, remove");
        browserLogin.setVisible(row.renews());
        credentials.setVisible(row.renews());
        approval.setVisible(row.renews());
        approval.setDisable(!row.credentialsStored());
        icon.setAccessibleText(row.state().toLowerCase(Locale.ENGLISH));
    }
}
