package dev.tokentray.ui.tray;

import dev.tokentray.ui.status.Look;
import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
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
 * The tray icon, through AWT's {@link SystemTray}: its image, tooltip and menu follow what the
 * app gives it; it decides nothing. AWT work runs on AWT's event thread, and menu choices are
 * handed to the caller's consumer, which passes them on to the FX thread.
 */
public final class AwtTray implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final TrayIcon icon;
    private final TrayIcons images;
    private final Consumer<TrayMenu.Action> onAction;
    private List<TrayMenu.Entry> shownEntries = List.of();

    private AwtTray(TrayIcon icon, TrayIcons images, Consumer<TrayMenu.Action> onAction) {
        this.icon = icon;
        this.images = images;
        this.onAction = onAction;
    }

    /**
     * Adds the icon to the tray, or returns empty when this desktop has none (GNOME without the
     * AppIndicator extension, a session without a tray host): the app then keeps a normal window.
     */
    public static Optional<AwtTray> install(Look look, String tooltip, Consumer<TrayMenu.Action> onAction) {
        CompletableFuture<Optional<AwtTray>> added = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                added.complete(add(look, tooltip, onAction));
            } catch (AWTException | RuntimeException e) {
                added.completeExceptionally(e);
            }
        });
        try {
            return added.get();
        } catch (ExecutionException e) {
            LOG.warn("No tray icon: {}", e.getCause().toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<AwtTray> add(Look look, String tooltip, Consumer<TrayMenu.Action> onAction)
            throws AWTException {
        if (!SystemTray.isSupported()) {
            return Optional.empty();
        }
        TrayIcons images = new TrayIcons();
        TrayIcon icon = new TrayIcon(images.of(look), tooltip);
        icon.setImageAutoSize(true);
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent event) {
                if (event.getButton() == MouseEvent.BUTTON1) {
                    onAction.accept(TrayMenu.Action.OPEN);
                }
            }
        });
        SystemTray.getSystemTray().add(icon);
        return Optional.of(new AwtTray(icon, images, onAction));
    }

    /** The AWT icon, for balloon notifications on Windows and macOS. */
    public TrayIcon icon() {
        return icon;
    }

    /** Shows a look, a tooltip and a menu; the menu is rebuilt only when it changed. */
    public void show(Look look, String tooltip, List<TrayMenu.Entry> entries) {
        EventQueue.invokeLater(() -> {
            icon.setImage(images.of(look));
            icon.setToolTip(tooltip);
            if (!entries.equals(shownEntries)) {
                icon.setPopupMenu(menu(entries));
                shownEntries = entries;
            }
        });
    }

    private PopupMenu menu(List<TrayMenu.Entry> entries) {
        PopupMenu menu = new PopupMenu();
        for (TrayMenu.Entry entry : entries) {
            if (entry.action() == TrayMenu.Action.QUIT || entry.action() == TrayMenu.Action.SETTINGS) {
                menu.addSeparator();
            }
            MenuItem item;
            if (entry.checked().isPresent()) {
                CheckboxMenuItem check = new CheckboxMenuItem(entry.label(), entry.checked().get());
                check.addItemListener(event -> onAction.accept(entry.action()));
                item = check;
            } else {
                item = new MenuItem(entry.label());
                item.addActionListener(event -> onAction.accept(entry.action()));
            }
            item.setEnabled(entry.enabled());
            menu.add(item);
        }
        return menu;
    }

    @Override
    public void close() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
