package dev.tokentray.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.ui.notify.NotificationKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the trader decides about the desktop side.
 *
 * @param clipboardClear how long a copied token stays on the clipboard; empty for "never cleared"
 * @param notifications  the notifications to show
 */
public record UiSettings(Optional<Duration> clipboardClear, Set<NotificationKind> notifications, Theme theme) {
    public static final String SECTION = "ui";
    public static final UiSettings DEFAULT =
            new UiSettings(Optional.of(Duration.ofSeconds(60)), EnumSet.allOf(NotificationKind.class), Theme.SYSTEM);

    public UiSettings {
        Objects.requireNonNull(clipboardClear, "clipboardClear");
        notifications = notifications.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notifications));
        Objects.requireNonNull(theme, "theme");
    }

    /** Reads the section; each missing or unreadable value takes its default. */
    public static UiSettings fromJson(JsonNode section) {
        Optional<Duration> clear = DEFAULT.clipboardClear();
        if (section.has("clipboardClearSeconds")) {
            long seconds = section.path("clipboardClearSeconds").asLong(60);
            clear = seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        }
        Set<NotificationKind> notifications = EnumSet.allOf(NotificationKind.class);
        section.path("notificationsOff").forEach(kind -> {
            try {
                notifications.remove(NotificationKind.valueOf(kind.asText()));
            } catch (IllegalArgumentException unknown) {
                // a kind an older or newer version knew: ignored
            }
        });
        Theme theme = DEFAULT.theme();
        try {
            theme = Theme.valueOf(section.path("theme").asText(DEFAULT.theme().name()));
        } catch (IllegalArgumentException unknown) {
            // hand-edited: the default holds
        }
        return new UiSettings(clear, notifications, theme);
    }

    public ObjectNode toJson(ObjectNode section) {
        section.put("clipboardClearSeconds", clipboardClear.map(Duration::toSeconds).orElse(0L));
        var off = section.putArray("notificationsOff");
        EnumSet.complementOf(notifications.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(notifications))
                .forEach(kind -> off.add(kind.name()));
        return section.put("theme", theme.name());
    }
}
