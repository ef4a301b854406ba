package dev.tokentray.ui.setup;

import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TimeText;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.Totp;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The setup wizard without its window: the six values and their problems, the live TOTP code,
 * the .env import, and "Test and save" with its progress and outcome. Plain JavaFX properties, so
 * tests drive it without a display.
 *
 * <p>Its methods run on the FX thread. The test login runs on {@code background}; what it reports
 * comes back through {@code fx} ({@code Platform::runLater} in the app, a direct executor in tests).
 */
public final class SetupModel {
    private static final Logger LOG = LoggerFactory.getLogger(SetupModel.class);
    private static final String NOTHING_SAVED = " Nothing was saved.";

    /** Where the wizard is. */
    public enum Phase {
        /** The trader enters values (also after a failed test). */
        EDITING,
        /** The test login runs; the form is locked. */
        TESTING,
        /** The login worked and everything is saved; only Done is left. */
        SUCCEEDED
    }

    private final Map<CredentialField, FieldModel> fields = new EnumMap<>(CredentialField.class);
    private final Optional<UpstoxCredentials> stored;
    private final Clock clock;
    private final CredentialTest test;
    private final Executor background;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.EDITING);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyObjectWrapper<Notice> result = new ReadOnlyObjectWrapper<>(this, "result", Notice.NONE);
    private final ReadOnlyObjectWrapper<Notice> importNotice = new ReadOnlyObjectWrapper<>(this, "importNotice", Notice.NONE);
    private final ReadOnlyStringWrapper totpCode = new ReadOnlyStringWrapper(this, "totpCode", "");
    private final ReadOnlyStringWrapper totpSeconds = new ReadOnlyStringWrapper(this, "totpSeconds", "");
    private final ReadOnlyDoubleWrapper totpFraction = new ReadOnlyDoubleWrapper(this, "totpFraction", 0);
    private final ReadOnlyStringWrapper retryQuestion = new ReadOnlyStringWrapper(this, "retryQuestion", "");

    private Optional<FetchedToken> renewal = Optional.empty();
    private Consumer<FetchedToken> onSaved = renewal -> {};
    private String totpSource;
    private Optional<Totp> totp = Optional.empty();
    /** The values and the rejection the trader is asked to confirm a retry of. */
    private Optional<PendingRetry> pendingRetry = Optional.empty();

    private record PendingRetry(UpstoxCredentials credentials, String rejectionId) {}

    /**
     * @param start      a first start, or the stored login to edit
     * @param test       {@code renewer::testAndSave}
     * @param background where the test login runs (never the FX thread)
     * @param fx         the FX thread ({@code Platform::runLater})
     */
    public SetupModel(SetupStart start, Clock clock, CredentialTest test, Executor background, Executor fx) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.test = Objects.requireNonNull(test, "test");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.stored = start.stored();
        for (CredentialField field : CredentialField.values()) {
            fields.put(field, new FieldModel(field, start.values().get(field), start.editing() && field.isSecret()));
        }
        start.rejected().forEach((field, why) -> fields.get(field).reject(why));
        fields.get(CredentialField.TOTP_SECRET).valueProperty().addListener((o, old, now) -> tick());
        tick();
    }

    Clock clock() {
        return clock;
    }

    /** True when the wizard edits stored credentials, false on first start. */
    public boolean editing() {
        return stored.isPresent();
    }

    public FieldModel field(CredentialField field) {
        return fields.get(field);
    }

    /** The values as typed, by field; a secret left blank when editing is blank here. */
    public Map<CredentialField, String> values() {
        Map<CredentialField, String> values = new EnumMap<>(CredentialField.class);
        fields.forEach((field, model) -> values.put(field, model.value()));
        return Collections.unmodifiableMap(values);
    }

    /** The values to test: those typed, and the stored one of each secret left blank. */
    private UpstoxCredentials credentials() {
        Map<CredentialField, String> values = new EnumMap<>(values());
        stored.ifPresent(credentials -> credentials.toFields().forEach((field, value) -> {
            if (fields.get(field).blankKeepsStored() && values.get(field).isBlank()) {
                values.put(field, value);
            }
        }));
        return UpstoxCredentials.parse(values);
    }

    /** The first field, in form order, whose problem shows; where the keyboard focus should go. */
    public Optional<CredentialField> firstProblem() {
        for (CredentialField field : CredentialField.values()) {
            if (fields.get(field).showsProblem()) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    // ---- the live TOTP code ----

    /**
     * Updates the TOTP code for the clock's time; the window calls it each second while it shows.
     * With the stored secret kept (left blank), its code shows: the secret itself never does.
     */
    public void tick() {
        String typed = fields.get(CredentialField.TOTP_SECRET).value();
        String secret = typed.isBlank() && editing() ? stored.get().totpSecret().reveal() : typed;
        if (!secret.equals(totpSource)) {
            totpSource = secret;
            totp = CredentialField.TOTP_SECRET.problem(secret).isPresent()
                    ? Optional.empty()
                    : Optional.of(Totp.fromBase32(Secret.of(CredentialField.TOTP_SECRET.normalise(secret))));
        }
        if (totp.isEmpty()) {
            totpCode.set("––– –––");
            totpSeconds.set("");
            totpFraction.set(0);
            return;
        }
        Instant now = clock.instant();
        String code = totp.get().codeAt(now);
        long left = Totp.secondsLeft(now);
        totpCode.set(code.substring(0, 3) + " " + code.substring(3));
        totpSeconds.set(left + " s");
        totpFraction.set(left / 30.0);
    }

    /** The current code as "123 456", or dashes while the secret is not a valid one. */
    public ReadOnlyStringProperty totpCodeProperty() {
        return totpCode.getReadOnlyProperty();
    }

    /** The seconds the code stays current, "21 s"; empty without a code. */
    public ReadOnlyStringProperty totpSecondsProperty() {
        return totpSeconds.getReadOnlyProperty();
    }

    /** The part of the code's 30 seconds left, 0 to 1. */
    public ReadOnlyDoubleProperty totpFractionProperty() {
        return totpFraction.getReadOnlyProperty();
    }

    public boolean hasTotpCode() {
        return totp.isPresent();
    }

    // ---- .env import ----

    /** Fills the fields from a .env file and says how many values it found. Never logs a value. */
    public Notice importDotEnv(Path file) {
        if (phase.get() != Phase.EDITING) {
            return Notice.NONE;
        }
        String name = String.valueOf(file.getFileName());
        try {
            return importDotEnv(DotEnv.read(file), name);
        } catch (IOException e) {
            return importNotice(Notice.error("Cannot read " + name + ": " + e.getMessage()));
        }
    }

    /** Fills the fields from a parsed .env; {@code name} is the file's name for the message. */
    public Notice importDotEnv(DotEnv env, String name) {
        if (phase.get() != Phase.EDITING) {
            return Notice.NONE;
        }
        env.values().forEach((field, value) -> {
            FieldModel model = fields.get(field);
            model.setValue(value);
            model.check();
        });
        LOG.info("Imported {} of the {} credential values from a .env file", env.size(), CredentialField.values().length);
        int all = CredentialField.values().length;
        if (env.size() == 0) {
            return importNotice(Notice.error("No Upstox values in " + name + ". It needs lines like"
                    + " UPSTOX_USERNAME=… and UPSTOX_PIN_CODE=…, as the upstox-totp SDK reads them."));
        }
        String what = env.size() == all
                ? "Imported all " + all + " values from " + name + "."
                : "Imported " + env.size() + " of " + all + " values from " + name + "; enter the other "
                        + (all - env.size()) + " by hand.";
        boolean problems = env.values().keySet().stream().anyMatch(f -> fields.get(f).showsProblem());
        return importNotice(problems
                ? Notice.error(what + " Some need correcting: see the marked fields.")
                : Notice.info(what + (env.size() == all ? " Check them, then test and save." : "")));
    }

    private Notice importNotice(Notice notice) {
        importNotice.set(notice);
        return notice;
    }

    public ReadOnlyObjectProperty<Notice> importNoticeProperty() {
        return importNotice.getReadOnlyProperty();
    }

    // ---- test and save ----

    /**
     * Checks every field and, when all are right, starts one real login with them. Returns false
     * (and marks the fields) when something is wrong, or while a test runs. Values Upstox rejected
     * before are not sent: the test is refused without a request, and the trader is asked
     * ({@link #retryQuestionProperty()}) whether to confirm a retry.
     */
    public boolean testAndSave() {
        if (phase.get() != Phase.EDITING) {
            return false;
        }
        fields.values().forEach(FieldModel::check);
        if (fields.values().stream().anyMatch(FieldModel::invalid)) {
            result.set(Notice.error("Correct the marked fields, then test again."));
            return false;
        }
        start(credentials(), Optional.empty());
        return true;
    }

    /** The trader confirmed the retry they were asked about: one login with the values Upstox rejected. */
    public void confirmRetry() {
        Optional<PendingRetry> pending = pendingRetry;
        clearRetryQuestion();
        pending.ifPresent(retry -> start(retry.credentials(), Optional.of(retry.rejectionId())));
    }

    /** The trader declined the retry: nothing is sent. */
    public void declineRetry() {
        if (pendingRetry.isPresent()) {
            clearRetryQuestion();
            result.set(Notice.info("Nothing was sent. Change the value Upstox rejected, then test again."));
        }
    }

    /** What to ask before sending values Upstox rejected once more; empty when there is nothing to ask. */
    public ReadOnlyStringProperty retryQuestionProperty() {
        return retryQuestion.getReadOnlyProperty();
    }

    private void clearRetryQuestion() {
        pendingRetry = Optional.empty();
        retryQuestion.set("");
    }

    private void start(UpstoxCredentials credentials, Optional<String> confirmed) {
        phase.set(Phase.TESTING);
        importNotice.set(Notice.NONE);
        result.set(Notice.NONE);
        progressText.set("Starting the test login…");
        progress.set(0);
        try {
            background.execute(() -> run(credentials, confirmed));
        } catch (RuntimeException e) {
            failed(credentials, e);
        }
    }

    private void run(UpstoxCredentials credentials, Optional<String> confirmed) {
        try {
            FetchedToken done = test.testAndSave(credentials, confirmed, step -> fx.execute(() -> stepStarted(step)));
            fx.execute(() -> succeeded(done));
        } catch (Exception e) {
            fx.execute(() -> failed(credentials, e));
        } catch (Error e) {
            fx.execute(() -> failed(credentials, e));
            throw e;
        }
    }

    private void stepStarted(LoginStep step) {
        if (phase.get() == Phase.TESTING) {
            progressText.set("Step " + step.number() + " of " + LoginStep.count() + ": " + step.description());
            progress.set((double) step.number() / LoginStep.count());
        }
    }

    private void succeeded(FetchedToken done) {
        renewal = Optional.of(done);
        AccessToken token = done.token();
        Instant now = clock.instant();
        String who = token.userName().isBlank() ? token.userId()
                : token.userId().isBlank() ? token.userName() : token.userName() + " (" + token.userId() + ")";
        progress.set(1);
        progressText.set("");
        result.set(Notice.success("Logged in" + (who.isBlank() ? "" : " as " + who) + ". The token is valid until "
                + TimeText.near(token.expiresAt(), now, TokenExpiry.IST, "IST")
                + ". Your login is saved in this computer's keychain."));
        phase.set(Phase.SUCCEEDED);
        onSaved.accept(done);
    }

    private void failed(UpstoxCredentials credentials, Throwable e) {
        progressText.set("");
        progress.set(0);
        phase.set(Phase.EDITING);
        if (e instanceof LoginRefusedException refused && refused.refusal().rejectionId().isPresent()) {
            pendingRetry = Optional.of(new PendingRetry(credentials, refused.refusal().rejectionId().get()));
            result.set(Notice.error(refused.getMessage() + NOTHING_SAVED));
            retryQuestion.set(refused.refusal().message() + "\n\nEach wrong PIN or TOTP counts towards Upstox's lock"
                    + " after five tries. Send these values once more?");
            return;
        }
        result.set(Notice.error(failureText(e)));
    }

    private String failureText(Throwable e) {
        return switch (e) {
            case LoginException login when login.failure().kind() == FailureKind.CREDENTIALS -> rejected(login.failure());
            case LoginException login -> login.getMessage() + NOTHING_SAVED;
            case LoginRefusedException refused -> refused.getMessage() + NOTHING_SAVED;
            case KeychainException keychain -> keychain.getMessage();
            default -> {
                // Not the exception's message, nor its trace: an unknown exception may carry anything.
                LOG.warn("The test login failed unexpectedly: {} at {}", e.getClass().getName(),
                        e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "an unknown place");
                yield "The test login failed unexpectedly (" + e.getClass().getSimpleName() + "); see the log file."
                        + NOTHING_SAVED;
            }
        };
    }

    private String rejected(LoginFailure failure) {
        failure.field().ifPresent(field -> fields.get(field).reject("Upstox rejected this " + field.label()
                + ". Enter the right one, or test the same again to confirm a retry."));
        String message = failure.message();
        String noRetry = " The app does not send these values again until you change them or confirm a retry.";
        return message + (message.contains("retry") ? "" : noRetry) + NOTHING_SAVED;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    /** "Step 3 of 6: verify the TOTP code" while the test runs. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** How far the test login has come, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The outcome of "Test and save" (or why it did not start). */
    public ReadOnlyObjectProperty<Notice> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The renewal of a test that worked. */
    public Optional<FetchedToken> renewal() {
        return renewal;
    }

    /** Heard on the FX thread once a test worked and the credentials are saved. */
    public void setOnSaved(Consumer<FetchedToken> onSaved) {
        this.onSaved = Objects.requireNonNull(onSaved, "onSaved");
    }
}
