package dev.tokentray.ui.status;

import java.util.Collection;
import java.util.List;

/**
 * The look of several accounts at once, for the tray icon and the window's title: the worst of
 * theirs, by what the trader must do about it. Needs attention (only the trader can help) comes
 * first, then expired (no token for the bots now), expiring, renewing (in hand), valid.
 */
public final class WorstLook {
    private static final List<Look> WORST_FIRST = List.of(Look.ATTENTION, Look.EXPIRED, Look.EXPIRING, Look.RENEWING,
            Look.VALID);

    private WorstLook() {}

    /** The worst of the looks; {@link Look#EXPIRED} for none (no account, no token). */
    public static Look of(Collection<Look> looks) {
        return WORST_FIRST.stream().filter(looks::contains).findFirst().orElse(Look.EXPIRED);
    }
}
