package dev.tokentray.ui;

import dev.tokentray.token.TokenState;
import dev.tokentray.ui.account.AccountSnapshot;
import dev.tokentray.ui.account.AppAccounts;
import dev.tokentray.ui.fx.FxRuntime;
import dev.tokentray.ui.tray.TrayPresenter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tray and the windows showing the accounts as they are: at each account's new state,
 * each change of the list, and each minute (the tooltip's minutes left). The windows are made,
 * and JavaFX started, only when first needed. The start path ends here: once the tray is made
 * and every account's first state is known, it says so in the log and opens the first windows.
 */
final class Screens {
    private static final Logger LOG = LoggerFactory.getLogger(Screens.class);

    private final AppAccounts accounts;
    private final Clock clock;
    private final FxRuntime fx;
    private final Supplier<AppWindows> makeWindows;
    private final Runnable ready;
    private Optional<TrayPresenter> tray = Optional.empty(); // guarded by this
    private boolean trayChecked; // guarded by this: the tray was made, or found missing
    private boolean started; // guarded by this: the start path's end came
    private AppWindows windows; // FX thread only; made when first needed

    /** @param ready runs once at the start path's end (the first windows to open) */
    Screens(AppAccounts accounts, Clock clock, FxRuntime fx, Supplier<AppWindows> makeWindows, Runnable ready) {
        this.accounts = accounts;
        this.clock = clock;
        this.fx = fx;
        this.makeWindows = makeWindows;
        this.ready = ready;
    }

    /** The tray is made (or the desktop has none). */
    synchronized void trayChecked(Optional<TrayPresenter> presenter) {
        tray = presenter;
        trayChecked = true;
        refresh();
    }

    synchronized boolean trayShown() {
        return tray.isPresent();
    }

    /**
     * Shows the accounts as they are now. Called by every account's renewal thread and at start,
     * which may all come first: synchronized. Before the start path's end, a keychain that cannot
     * be read yet is no state to show: the tray keeps saying it reads the keychain. A followed
     * account's Redis that cannot be reached may stay so for long: its problem is shown at once.
     */
    synchronized void refresh() {
        List<AccountSnapshot> now = accounts.snapshots();
        boolean allKnown = accounts.allKnown()
                && now.stream().noneMatch(a -> a.renews() && a.state().keychainProblem().isPresent());
        if (!trayChecked || !started && !allKnown) {
            return;
        }
        if (!started) {
            started = true;
            logReady(now);
            ready.run();
        }
        Instant at = clock.instant();
        tray.ifPresent(presenter -> presenter.show(now, at));
        if (fx.started()) {
            boolean reading = !accounts.allKnown();
            onFx(windows -> windows.show(now, reading));
        }
    }

    /**
     * The start path's end: the tray shows every account's token state. The benchmark reads this
     * line; the time is measured from the process's own start.
     */
    private void logReady(List<AccountSnapshot> shown) {
        Optional<Instant> processStart = ProcessHandle.current().info().startInstant();
        TokenState worst = shown.stream().map(a -> a.state().tokenState())
                .max(Comparator.comparingInt(Screens::badness)).orElse(TokenState.MISSING);
        LOG.info("Ready: the tray shows the token state ({}) of {} account{}, {} ms after the process started", worst,
                shown.size(), shown.size() == 1 ? "" : "s",
                processStart.map(t -> Duration.between(t, clock.instant()).toMillis()).orElse(-1L));
    }

    private static int badness(TokenState state) {
        return switch (state) {
            case VALID -> 0;
            case EXPIRING -> 1;
            case EXPIRED, REVOKED -> 2;
            case MISSING -> 3;
        };
    }

    /** Runs window work on the FX thread, making the windows (and starting JavaFX) when first needed. */
    void onFx(Consumer<AppWindows> work) {
        fx.execute(() -> {
            if (windows == null) {
                windows = makeWindows.get();
                windows.show(accounts.snapshots(), !accounts.allKnown());
            }
            work.accept(windows);
        });
    }

    /** On the FX thread, as the app quits: the token does not stay behind on the clipboard. */
    void quitting() {
        if (windows != null) {
            windows.quitting();
        }
    }

    /** The status window's stage, for tests (on the FX thread); empty until a window was needed. */
    Optional<Stage> statusStage() {
        return Optional.ofNullable(windows).map(AppWindows::statusStage);
    }
}
