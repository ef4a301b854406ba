package dev.tokentray.ui.tray;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon through AWT's {@link SystemTray}: the XEmbed tray on X11 desktops, the
 * notification area on Windows, the menu bar on macOS. AWT work runs on AWT's event thread, and
 * choices are handed to the caller's consumer on that thread.
 */
public final class AwtTray implements Tray {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final TrayIcon icon;
    private final TrayIcons images;
    private final Consumer<TrayMenu.Choice> onChoice;
    private List<TrayMenu.Item> shownMenu = List.of();

    private AwtTray(TrayIcon icon, TrayIcons images, Consumer<TrayMenu.Choice> onChoice) {
        this.icon = icon;
        this.images = images;
        this.onChoice = onChoice;
    }

    /**
     * Adds the icon to the tray, or returns empty when this desktop has none (GNOME without the
     * AppIndicator extension, a session without a tray host).
     *
     * @param onChoice hears the menu's choices, and {@link TrayMenu.Action#OPEN} for a click on the icon
     */
    public static Optional<AwtTray> install(TrayView first, Consumer<TrayMenu.Choice> onChoice) {
        CompletableFuture<Optional<AwtTray>> added = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                added.complete(add(first, onChoice));
            } catch (AWTException | RuntimeException | Error e) {
                added.completeExceptionally(e);
            }
        });
        try {
            Optional<AwtTray> tray = added.get();
            tray.ifPresent(t -> t.show(first));
            return tray;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // the display refused AWT: no window can show either
            }
            LOG.warn("No tray icon: {}", e.getCause().toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<AwtTray> add(TrayView first, Consumer<TrayMenu.Choice> onChoice) throws AWTException {
        if (!SystemTray.isSupported()) {
            return Optional.empty();
        }
        TrayIcons images = new TrayIcons();
        TrayIcon icon = new TrayIcon(images.of(first.look()), first.tooltip());
        icon.setImageAutoSize(true);
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getButton() == MouseEvent.BUTTON1) {
                    onChoice.accept(TrayMenu.Choice.of(TrayMenu.Action.OPEN));
                }
            }
        });
        SystemTray.getSystemTray().add(icon);
        return Optional.of(new AwtTray(icon, images, onChoice));
    }

    /** The AWT icon of a tray that is AWT's, for balloon notifications on Windows and macOS. */
    public static Optional<TrayIcon> iconOf(Tray tray) {
        return tray instanceof AwtTray awt ? Optional.of(awt.icon) : Optional.empty();
    }

    @Override
    public void show(TrayView view) {
        EventQueue.invokeLater(() -> {
            icon.setImage(images.of(view.look()));
            icon.setToolTip(view.tooltip());
            if (!view.menu().equals(shownMenu)) {
                PopupMenu popup = new PopupMenu();
                addAll(popup, view.menu());
                icon.setPopupMenu(popup);
                shownMenu = view.menu();
            }
        });
    }

    private void addAll(Menu menu, List<TrayMenu.Item> items) {
        for (TrayMenu.Item item : items) {
            switch (item) {
                case TrayMenu.Command command -> {
                    MenuItem entry = new MenuItem(command.label());
                    entry.setEnabled(command.enabled());
                    entry.addActionListener(event -> onChoice.accept(command.choice()));
                    menu.add(entry);
                }
                case TrayMenu.Toggle toggle -> {
                    CheckboxMenuItem entry = new CheckboxMenuItem(toggle.label(), toggle.checked());
                    entry.addItemListener(event -> onChoice.accept(toggle.choice()));
                    menu.add(entry);
                }
                case TrayMenu.Submenu submenu -> {
                    Menu cascade = new Menu(submenu.label());
                    addAll(cascade, submenu.items());
                    menu.add(cascade);
                }
                case TrayMenu.Separator separator -> menu.addSeparator();
            }
        }
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
