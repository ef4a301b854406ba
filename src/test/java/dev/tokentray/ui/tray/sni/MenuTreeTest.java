package dev.tokentray.ui.tray.sni;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.ui.tray.TrayMenu;
import dev.tokentray.ui.tray.TrayMenu.Action;
import dev.tokentray.ui.tray.TrayMenu.Choice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class MenuTreeTest {
    /** The menu of two accounts: a submenu of them, a disabled entry, a check entry, separators. */
    static List<TrayMenu.Item> menu(String priyaLabel, boolean copyEnabled, boolean startsAtLogin) {
        return List.of(
                new TrayMenu.Submenu("Copy token", List.of(
                        new TrayMenu.Command(new Choice(Action.COPY_TOKEN, Optional.of("default")), "Own", copyEnabled),
                        new TrayMenu.Command(new Choice(Action.COPY_TOKEN, Optional.of("priya")), priyaLabel, true))),
                new TrayMenu.Command(Choice.of(Action.RENEW_NOW), "Renew all", true),
                new TrayMenu.Separator(),
                new TrayMenu.Toggle(Choice.of(Action.START_AT_LOGIN), "Start at login", startsAtLogin),
                new TrayMenu.Command(Choice.of(Action.QUIT), "Quit", true));
    }

    @Test
    void numbersTheEntriesDepthFirstWithTheRootAtZero() {
        MenuTree tree = MenuTree.of(menu("Priya_HUF", false, true));

        DbusMenu.Node root = tree.layout(MenuTree.ROOT, -1, List.of());
        assertThat(root.id).isZero();
        assertThat(root.properties).containsEntry("children-display", new Variant<>("submenu"));
        assertThat(root.children).extracting(child -> ((DbusMenu.Node) child.getValue()).id).containsExactly(1, 4, 5, 6, 7);
        DbusMenu.Node accounts = (DbusMenu.Node) root.children.getFirst().getValue();
        assertThat(accounts.children).extracting(child -> ((DbusMenu.Node) child.getValue()).id).containsExactly(2, 3);

        assertThat(tree.choice(2)).contains(new Choice(Action.COPY_TOKEN, Optional.of("default")));
        assertThat(tree.choice(3)).contains(new Choice(Action.COPY_TOKEN, Optional.of("priya")));
        assertThat(tree.choice(6)).contains(Choice.of(Action.START_AT_LOGIN));
        assertThat(tree.choice(1)).as("a submenu chooses nothing").isEmpty();
        assertThat(tree.choice(MenuTree.ROOT)).isEmpty();
        assertThat(tree.choice(8)).isEmpty();
        assertThat(tree.has(7)).isTrue();
        assertThat(tree.has(8)).isFalse();
    }

    @Test
    void givesEachKindOfEntryThePropertiesOfTheSpecification() {
        MenuTree tree = MenuTree.of(menu("Priya_HUF", false, true));

        assertThat(tree.properties(1, List.of())).isEqualTo(Map.of("label", new Variant<>("Copy token"),
                "enabled", new Variant<>(true), "children-display", new Variant<>("submenu")));
        assertThat(tree.properties(2, List.of())).isEqualTo(Map.of("label", new Variant<>("Own"),
                "enabled", new Variant<>(false)));
        assertThat(tree.properties(3, List.of())).as("an underscore of the label is not an access key")
                .containsEntry("label", new Variant<>("Priya__HUF"));
        assertThat(tree.properties(5, List.of())).isEqualTo(Map.of("type", new Variant<>("separator")));
        assertThat(tree.properties(6, List.of())).isEqualTo(Map.of("label", new Variant<>("Start at login"),
                "enabled", new Variant<>(true), "toggle-type", new Variant<>("checkmark"), "toggle-state", new Variant<>(1)));
        assertThat(tree.properties(6, List.of("toggle-state", "nothing"))).isEqualTo(Map.of("toggle-state", new Variant<>(1)));
    }

    @Test
    void aLayoutOfLimitedDepthLeavesTheDeeperEntriesOut() {
        MenuTree tree = MenuTree.of(menu("Priya", true, false));
        assertThat(tree.layout(MenuTree.ROOT, 0, List.of()).children).isEmpty();
        DbusMenu.Node oneLevel = tree.layout(MenuTree.ROOT, 1, List.of("label"));
        DbusMenu.Node accounts = (DbusMenu.Node) oneLevel.children.getFirst().getValue();
        assertThat(accounts.children).isEmpty();
        assertThat(accounts.properties).containsOnlyKeys("label");
        assertThat(tree.layout(1, -1, List.of()).children).hasSize(2);
    }

    @Test
    void aNewStateOfTheSameEntriesChangesPropertiesInPlace() {
        MenuTree before = MenuTree.of(menu("Priya", false, false));
        MenuTree after = MenuTree.of(menu("Priya", true, true));

        assertThat(after.sameShape(before)).isTrue();
        assertThat(after.changedSince(before)).containsExactly(2, 6);
        assertThat(MenuTree.of(menu("Priya", false, false)).changedSince(before)).isEmpty();
    }

    @Test
    void entriesThatComeGoOrMoveMakeANewLayout() {
        MenuTree before = MenuTree.of(menu("Priya", true, false));
        assertThat(MenuTree.of(menu("Priya HUF", true, false)).sameShape(before))
                .as("a relabelled account is the same entry").isTrue();
        assertThat(MenuTree.of(menu("Priya", true, false).subList(1, 5)).sameShape(before)).isFalse();
        List<TrayMenu.Item> browserLoginAdded = new ArrayList<>(menu("Priya", true, false));
        browserLoginAdded.add(1, new TrayMenu.Command(Choice.of(Action.BROWSER_LOGIN), "Log in with browser…", true));
        assertThat(MenuTree.of(browserLoginAdded).sameShape(before)).isFalse();
    }
}
