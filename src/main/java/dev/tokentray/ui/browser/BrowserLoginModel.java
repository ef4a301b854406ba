package dev.tokentray.ui.browser;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.upstox.AuthorizationCode;
import dev.tokentray.upstox.BrowserLogin;
import dev.tokentray.upstox.BrowserLoginException;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoopbackListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser login as the window shows it, without a display: a new login, the browser opened at
 * Upstox's page, then either the wait for the browser's return to a loopback redirect URI (with
 * the time left) or the pasted address, then the exchange. Each step that waits (the keychain,
 * the browser, the listener, Upstox) runs on {@code background}; what the window shows changes on
 * {@code fx}. A step that ends after the trader cancelled or started again is dropped.
 *
 * <p>Never logs the pasted address or a code: they are the login.
 */
public final class BrowserLoginModel {
    private static final Logger LOG = LoggerFactory.getLogger(BrowserLoginModel.class);

    /** Where the login is. */
    public enum Phase {
        /** Reading the credentials and making the login's address. */
        STARTING,
        /** Listening on the loopback redirect URI for the browser's return. */
        WAITING,
        /** Waiting for the trader to paste the address the browser ended on. */
        PASTE,
        /** A code came: exchanging it for a token. */
        EXCHANGING,
        /** The token is stored. */
        DONE,
        /** The login ended without a token; starting again makes a new one. */
        FAILED,
        /** The trader cancelled or closed the window. */
        CLOSED
    }

    private final BrowserLoginSteps steps;
    private final Clock clock;
    private final Duration timeout;
    private final Executor background;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.STARTING);
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper(this, "address", "");
    private final ReadOnlyStringWrapper waiting = new ReadOnlyStringWrapper(this, "waiting", "");
    private final ReadOnlyStringWrapper timeLeft = new ReadOnlyStringWrapper(this, "timeLeft", "");
    private final ReadOnlyObjectWrapper<Notice> browser = new ReadOnlyObjectWrapper<>(this, "browser", Notice.NONE);
    private final ReadOnlyObjectWrapper<Notice> result = new ReadOnlyObjectWrapper<>(this, "result", Notice.NONE);

    // FX thread only.
    private int attempt;
    private Optional<BrowserLogin> login = Optional.empty();
    private Optional<LoopbackListener> listener = Optional.empty();
    private Instant waitEnds;

    /**
     * @param timeout    how long the listener waits for the browser ({@link LoopbackListener#DEFAULT_TIMEOUT})
     * @param background where the waiting steps run: threads of their own, since a wait lasts minutes
     * @param fx         the FX thread ({@code Platform::runLater})
     */
    public BrowserLoginModel(BrowserLoginSteps steps, Clock clock, Duration timeout, Executor background, Executor fx) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Starts a new login, ending the one before (its listener closes, its state no longer counts). */
    public void start() {
        stopListening();
        int current = ++attempt;
        login = Optional.empty();
        address.set("");
        waiting.set("");
        timeLeft.set("");
        browser.set(Notice.NONE);
        result.set(Notice.NONE);
        phase.set(Phase.STARTING);
        background.execute(() -> {
            try {
                BrowserLogin begun = steps.begin();
                fx.execute(() -> begun(current, begun));
            } catch (Exception e) {
                LOG.warn("The browser login could not start: {}", e.getMessage());
                fx.execute(() -> fail(current, "The browser login could not start: " + e.getMessage()));
            }
        });
    }

    private void begun(int current, BrowserLogin begun) {
        if (current != attempt) {
            return;
        }
        login = Optional.of(begun);
        address.set(begun.address().toString());
        if (begun.canListen()) {
            listen(current, begun);
        } else {
            phase.set(Phase.PASTE);
        }
        // The listener is up before the browser goes: a fast login cannot come back to nothing.
        if (phase.get() != Phase.FAILED) {
            openBrowser();
        }
    }

    private void listen(int current, BrowserLogin begun) {
        LoopbackListener started;
        try {
            started = begun.listen(timeout); // binds the port only: no wait here
        } catch (BrowserLoginException e) {
            fail(current, e.getMessage()); // the port is in use, and what to do
            return;
        }
        listener = Optional.of(started);
        waitEnds = clock.instant().plus(timeout);
        waiting.set("Waiting for Upstox to send the browser back to " + begun.redirectUri() + " …");
        tick();
        phase.set(Phase.WAITING);
        background.execute(() -> {
            AuthorizationCode code;
            try {
                code = started.awaitCode();
            } catch (CancellationException | InterruptedException stopped) {
                return; // the trader cancelled or started again: nothing to say
            } catch (BrowserLoginException e) {
                fx.execute(() -> fail(current, e.getMessage()));
                return;
            }
            fx.execute(() -> exchange(current, begun, code));
        });
    }

    /** Opens (again) the system browser at the login's address, and says whether it could. */
    public void openBrowser() {
        Optional<BrowserLogin> current = login;
        if (current.isEmpty()) {
            return;
        }
        String at = current.get().address().toString();
        background.execute(() -> {
            Notice said;
            try {
                steps.openBrowser(current.get().address());
                said = Notice.info("Your browser shows Upstox's login page: log in there with your mobile number,"
                        + " the code from your authenticator app and your PIN.");
            } catch (IOException e) {
                said = Notice.error(e.getMessage() + " Copy the address above and open it in your browser.");
            }
            Notice opened = said;
            fx.execute(() -> {
                if (at.equals(address.get())) {
                    browser.set(opened);
                }
            });
        });
    }

    /** The address the trader pasted (the paste path): its code is exchanged, or it says what is wrong. */
    public void submitPasted(String pasted) {
        if (phase.get() != Phase.PASTE || login.isEmpty()) {
            return;
        }
        AuthorizationCode code;
        try {
            code = login.get().codeFromPastedAddress(pasted);
        } catch (BrowserLoginException e) {
            if (e.reason() == BrowserLoginException.Reason.REFUSED_BY_UPSTOX) {
                fail(attempt, e.getMessage());
            } else {
                // A wrong paste costs nothing: this login's code may still be pasted.
                result.set(Notice.error(e.getMessage()));
            }
            return;
        }
        exchange(attempt, login.get(), code);
    }

    private void exchange(int current, BrowserLogin begun, AuthorizationCode code) {
        if (current != attempt) {
            return;
        }
        listener = Optional.empty(); // it closed itself with the code
        phase.set(Phase.EXCHANGING);
        result.set(Notice.info("Upstox sent the login back: getting the token…"));
        background.execute(() -> {
            try {
                AccessToken token = steps.finish(begun, code);
                fx.execute(() -> done(current, token));
            } catch (LoginException e) {
                fx.execute(() -> fail(current, e.getMessage()));
            } catch (Exception e) {
                LOG.warn("The browser login's exchange failed: {}", e.getMessage());
                fx.execute(() -> fail(current, "The token could not be had or stored: " + e.getMessage()));
            }
        });
    }

    private void done(int current, AccessToken token) {
        if (current != attempt) {
            return;
        }
        phase.set(Phase.DONE);
        browser.set(Notice.NONE); // the page is done with
        result.set(Notice.success("Logged in: token valid until "
                + TimeText.near(token.expiresAt(), clock.instant(), TokenExpiry.IST, "IST") + "."));
    }

    private void fail(int current, String why) {
        if (current != attempt) {
            return;
        }
        stopListening();
        phase.set(Phase.FAILED);
        result.set(Notice.error(why));
    }

    /** The trader cancelled or closed the window: the listener stops, and what still runs is dropped. */
    public void cancel() {
        attempt++;
        stopListening();
        phase.set(Phase.CLOSED);
    }

    private void stopListening() {
        listener.ifPresent(LoopbackListener::close);
        listener = Optional.empty();
    }

    /** The time left to wait, "4:59 left"; the window calls it each second. */
    public void tick() {
        if (listener.isEmpty() || waitEnds == null) {
            return;
        }
        long seconds = Math.max(0, Duration.between(clock.instant(), waitEnds).toSeconds());
        timeLeft.set(String.format("%d:%02d left", seconds / 60, seconds % 60));
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    /** Upstox's login dialog for this login; empty while starting. It holds no secret. */
    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    /** "Waiting for Upstox to send the browser back to http://127.0.0.1:5055/callback …" while listening. */
    public ReadOnlyStringProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftProperty() {
        return timeLeft.getReadOnlyProperty();
    }

    /** Whether the browser opened, and what to do when it did not. */
    public ReadOnlyObjectProperty<Notice> browserProperty() {
        return browser.getReadOnlyProperty();
    }

    /** What became of the login: a failure and what to do, or the token's expiry. */
    public ReadOnlyObjectProperty<Notice> resultProperty() {
        return result.getReadOnlyProperty();
    }

    Clock clock() {
        return clock;
    }
}
