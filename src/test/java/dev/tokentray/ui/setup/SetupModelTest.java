package dev.tokentray.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.renew.LoginRefusedException;
import dev.tokentray.renew.Refusal;
import dev.tokentray.renew.FetchedToken;
import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.MutableClock;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.token.TokenExpiry;
import dev.tokentray.token.Totp;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.KeychainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup wizard's model, without a display: fields, problems, the live code, import, test and save. */
class SetupModelTest {
    static final Instant NOW = LocalDateTime.parse("2026-11-21T10:17:43").atZone(TokenExpiry.IST).toInstant();
    static final Executor DIRECT = Runnable::run;

    final MutableClock clock = new MutableClock(NOW);

    static Map<CredentialField, String> valid() {
        return SimulatedAccount.defaults().credentials().toFields();
    }

    SetupModel model(Map<CredentialField, String> initial, CredentialTest test) {
        return new SetupModel(SetupStart.filledIn(initial), clock, test, DIRECT, DIRECT);
    }

    SetupModel empty() {
        return model(Map.of(), (credentials, confirmed, listener) -> {
            throw new AssertionError("no login expected");
        });
    }

    static FetchedToken renewal(Instant expiresAt) {
        return new FetchedToken(new AccessToken(Secret.of("eyJ.token"), NOW, expiresAt, "SIM001", "Simulated Trader"),
                Optional.empty());
    }

    // ---- fields and problems ----

    @Test
    void aFirstStartBeginsEmptyWithoutProblemsShown() {
        SetupModel model = empty();

        assertThat(model.editing()).isFalse();
        for (CredentialField field : CredentialField.values()) {
            assertThat(model.field(field).value()).isEmpty();
            assertThat(model.field(field).problemProperty().get()).as(field.name()).isEmpty();
            assertThat(model.field(field).currentProblem()).as(field.name()).isPresent();
        }
        assertThat(model.firstProblem()).isEmpty();
    }

    @Test
    void aProblemShowsOnceTheFieldIsLeftNotWhileTyping() {
        SetupModel model = empty();
        FieldModel mobile = model.field(CredentialField.MOBILE);

        mobile.setValue("98");
        assertThat(mobile.problemProperty().get()).isEmpty();

        mobile.left();
        assertThat(mobile.problemProperty().get()).contains("10-digit mobile number");
        assertThat(model.firstProblem()).contains(CredentialField.MOBILE);

        mobile.setValue("9876543210"); // from now on it follows each change
        assertThat(mobile.problemProperty().get()).isEmpty();
        mobile.setValue("98765");
        assertThat(mobile.problemProperty().get()).isNotEmpty();
    }

    @Test
    void leavingAnEmptyFieldShowsNothingYet() {
        SetupModel model = empty();

        model.field(CredentialField.PIN).left();

        assertThat(model.field(CredentialField.PIN).problemProperty().get()).isEmpty();
    }

    @Test
    void testingShowsEveryProblemAndStartsNoLogin() {
        SetupModel model = empty();
        model.field(CredentialField.MOBILE).setValue("9876543210");

        assertThat(model.testAndSave()).isFalse();

        assertThat(model.field(CredentialField.MOBILE).problemProperty().get()).isEmpty();
        assertThat(model.field(CredentialField.PIN).problemProperty().get()).isEqualTo("PIN is missing.");
        assertThat(model.firstProblem()).contains(CredentialField.PIN);
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.resultProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(model.resultProperty().get().text()).contains("Correct the marked fields");
    }

    @Test
    void aFilledInFirstStartShowsTheValuesWithoutProblems() {
        SetupModel model = model(valid(), (c, confirmed, l) -> renewal(NOW.plusSeconds(3600)));

        assertThat(model.editing()).isFalse();
        assertThat(model.values()).isEqualTo(valid());
        assertThat(model.firstProblem()).isEmpty();
    }

    @Test
    void editingLeavesTheSecretsOutOfTheFieldsAndTestsTheStoredOnesWhenLeftBlank() {
        UpstoxCredentials stored = UpstoxCredentials.parse(valid());
        AtomicReference<UpstoxCredentials> tested = new AtomicReference<>();
        SetupModel model = new SetupModel(SetupStart.editing(stored, Optional.empty()), clock, (c, confirmed, l) -> {
            tested.set(c);
            return renewal(NOW.plusSeconds(3600));
        }, DIRECT, DIRECT);

        assertThat(model.editing()).isTrue();
        for (CredentialField field : CredentialField.values()) {
            assertThat(model.field(field).value()).as(field.label()).isEqualTo(field.isSecret() ? "" : valid().get(field));
            assertThat(model.field(field).blankKeepsStored()).isEqualTo(field.isSecret());
        }
        assertThat(model.testAndSave()).isTrue();
        assertThat(tested.get()).isEqualTo(stored);

        SetupModel changed = new SetupModel(SetupStart.editing(stored, Optional.empty()), clock, (c, confirmed, l) -> {
            tested.set(c);
            return renewal(NOW.plusSeconds(3600));
        }, DIRECT, DIRECT);
        changed.field(CredentialField.PIN).setValue("654321");
        changed.testAndSave();
        assertThat(tested.get().pin()).isEqualTo(Secret.of("654321"));
        assertThat(tested.get().totpSecret()).isEqualTo(stored.totpSecret());
    }

    @Test
    void aValueUpstoxRejectedIsSentAgainOnlyOnceTheTraderConfirmsThatRejection() {
        List<Optional<String>> confirmations = new ArrayList<>();
        SetupModel model = model(valid(), (c, confirmed, l) -> {
            confirmations.add(confirmed);
            if (confirmed.isEmpty()) {
                throw new LoginRefusedException(new Refusal(FailureKind.CREDENTIALS, "A login at 09:00 IST (21 Nov)"
                        + " failed: Upstox rejected the PIN.", Optional.of("r1")));
            }
            return renewal(NOW.plusSeconds(3600));
        });

        assertThat(model.testAndSave()).isTrue();
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.retryQuestionProperty().get()).startsWith("A login at 09:00 IST (21 Nov) failed: Upstox"
                + " rejected the PIN.").endsWith("Send these values once more?");
        model.declineRetry();
        assertThat(model.retryQuestionProperty().get()).isEmpty();
        assertThat(model.resultProperty().get().text()).startsWith("Nothing was sent.");
        assertThat(confirmations).containsExactly(Optional.empty());

        model.testAndSave();
        model.confirmRetry();
        assertThat(confirmations).containsExactly(Optional.empty(), Optional.empty(), Optional.of("r1"));
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.SUCCEEDED);
    }

    @Test
    void aFieldNeverShowsItsValueInText() {
        SetupModel model = model(valid(), (c, confirmed, l) -> renewal(NOW));

        assertThat(model.field(CredentialField.PIN).toString()).doesNotContain(SimulatedAccount.DEFAULT_PIN);
    }

    // ---- the live TOTP code ----

    @Test
    void showsTheCurrentTotpCodeAndItsSecondsLeft() {
        SetupModel model = model(valid(), (c, confirmed, l) -> renewal(NOW));
        String expected = Totp.fromBase32(Secret.of(SimulatedAccount.DEFAULT_TOTP_SECRET)).codeAt(NOW);

        assertThat(model.hasTotpCode()).isTrue();
        assertThat(model.totpCodeProperty().get()).isEqualTo(expected.substring(0, 3) + " " + expected.substring(3));
        assertThat(model.totpSecondsProperty().get()).isEqualTo(Totp.secondsLeft(NOW) + " s");
        assertThat(model.totpFractionProperty().get()).isEqualTo(Totp.secondsLeft(NOW) / 30.0);
    }

    @Test
    void theCodeFollowsTheClockOnEachTick() {
        SetupModel model = model(valid(), (c, confirmed, l) -> renewal(NOW));
        Totp totp = Totp.fromBase32(Secret.of(SimulatedAccount.DEFAULT_TOTP_SECRET));

        clock.advance(Duration.ofSeconds(30));
        model.tick();

        assertThat(model.totpCodeProperty().get().replace(" ", "")).isEqualTo(totp.codeAt(NOW.plusSeconds(30)));
    }

    @Test
    void noCodeWhileTheSecretIsIncompleteAndOneAsSoonAsItIs() {
        SetupModel model = empty();
        assertThat(model.hasTotpCode()).isFalse();
        assertThat(model.totpCodeProperty().get()).doesNotContainPattern("\\d");
        assertThat(model.totpSecondsProperty().get()).isEmpty();

        model.field(CredentialField.TOTP_SECRET).setValue("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");

        assertThat(model.hasTotpCode()).isTrue();
        assertThat(model.totpCodeProperty().get()).matches("\\d{3} \\d{3}");
    }

    // ---- .env import ----

    @Test
    void importFillsTheFieldsAndSaysHowMany(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(".env");
        StringBuilder text = new StringBuilder("# mine\nOTHER=1\n");
        valid().forEach((field, value) -> text.append("export ").append(field.environmentVariable()).append("=\"")
                .append(value).append("\"\n"));
        Files.writeString(file, text);
        SetupModel model = empty();

        Notice notice = model.importDotEnv(file);

        assertThat(model.values()).isEqualTo(valid());
        assertThat(notice.tone()).isEqualTo(Notice.Tone.INFO);
        assertThat(notice.text()).startsWith("Imported all 6 values from .env.");
        assertThat(model.importNoticeProperty().get()).isEqualTo(notice);
        assertThat(model.firstProblem()).isEmpty();
    }

    @Test
    void aPartialImportSaysWhatIsLeftAndMarksWrongValues() {
        SetupModel model = empty();

        Notice notice = model.importDotEnv(DotEnv.parse("UPSTOX_USERNAME=12345\nUPSTOX_PIN_CODE=123456\n"), ".env");

        assertThat(notice.text()).contains("Imported 2 of 6 values from .env; enter the other 4 by hand.",
                "see the marked fields");
        assertThat(notice.tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(model.field(CredentialField.MOBILE).problemProperty().get()).isNotEmpty();
        assertThat(model.field(CredentialField.TOTP_SECRET).problemProperty().get()).as("not imported: not shown").isEmpty();
    }

    @Test
    void aFileWithoutUpstoxValuesSaysWhatItNeeds() {
        Notice notice = empty().importDotEnv(DotEnv.parse("OPENAI_API_KEY=x\n"), "bot.env");

        assertThat(notice.tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(notice.text()).contains("No Upstox values in bot.env", "UPSTOX_USERNAME");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path folder) {
        Notice notice = empty().importDotEnv(folder.resolve("missing.env"));

        assertThat(notice.tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(notice.text()).startsWith("Cannot read missing.env");
    }

    // ---- test and save ----

    @Test
    void testAndSaveRunsOneLoginOffTheFxThreadAndReportsEachStepOnIt() {
        Queue<Runnable> background = new ArrayDeque<>();
        Queue<Runnable> fx = new ArrayDeque<>();
        AtomicReference<UpstoxCredentials> tested = new AtomicReference<>();
        AtomicInteger logins = new AtomicInteger();
        SetupModel model = new SetupModel(SetupStart.filledIn(valid()), clock, (credentials, confirmed, listener) -> {
            logins.incrementAndGet();
            tested.set(credentials);
            for (LoginStep step : LoginStep.totpLogin()) {
                listener.stepStarted(step);
            }
            return renewal(LocalDateTime.parse("2026-11-22T03:30").atZone(TokenExpiry.IST).toInstant());
        }, background::add, fx::add);
        List<FetchedToken> saved = new ArrayList<>();
        model.setOnSaved(saved::add);

        assertThat(model.testAndSave()).isTrue();
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.TESTING);
        assertThat(model.testAndSave()).as("a second click while it runs").isFalse();
        assertThat(model.progressTextProperty().get()).isEqualTo("Starting the test login…");
        assertThat(logins).hasValue(0);

        background.remove().run();
        assertThat(background).isEmpty();
        assertThat(logins).hasValue(1);
        assertThat(model.phase()).as("nothing changes before the FX thread runs it").isEqualTo(SetupModel.Phase.TESTING);
        assertThat(fx).hasSize(LoginStep.count() + 1);

        fx.remove().run();
        fx.remove().run();
        fx.remove().run();
        assertThat(model.progressTextProperty().get()).isEqualTo("Step 3 of 6: verify the TOTP code");
        assertThat(model.progressProperty().get()).isEqualTo(0.5);

        fx.forEach(Runnable::run);
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.SUCCEEDED);
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.resultProperty().get().tone()).isEqualTo(Notice.Tone.SUCCESS);
        assertThat(model.resultProperty().get().text()).isEqualTo("Logged in as Simulated Trader (SIM001). The token is"
                + " valid until 03:30 IST tomorrow. Your login is saved in this computer's keychain.");
        assertThat(saved).hasSize(1);
        assertThat(model.renewal()).isPresent();
        assertThat(tested.get()).isEqualTo(UpstoxCredentials.parse(valid()));
        assertThat(model.testAndSave()).as("done: nothing more to test").isFalse();
    }

    @Test
    void valuesAreTestedAsTheAppStoresThem() {
        AtomicReference<UpstoxCredentials> tested = new AtomicReference<>();
        Map<CredentialField, String> pasted = new EnumMap<>(valid());
        pasted.put(CredentialField.MOBILE, "+91 98765 43210");
        pasted.put(CredentialField.CLIENT_ID, "  " + SimulatedAccount.DEFAULT_CLIENT_ID + " ");
        SetupModel model = model(pasted, (credentials, confirmed, listener) -> {
            tested.set(credentials);
            return renewal(NOW.plusSeconds(60));
        });

        model.testAndSave();

        assertThat(tested.get().mobileNumber()).isEqualTo("9876543210");
        assertThat(tested.get().clientId()).isEqualTo(SimulatedAccount.DEFAULT_CLIENT_ID);
    }

    @Test
    void aRefusedLoginSaysWhyAndNothingWasSaved() {
        SetupModel model = model(valid(), (c, confirmed, l) -> {
            throw new LoginRefusedException(new Refusal(FailureKind.RATE_LIMITED, "Upstox asked to wait 10 minutes."));
        });

        model.testAndSave();

        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.resultProperty().get())
                .isEqualTo(Notice.error("Upstox asked to wait 10 minutes. Nothing was saved."));
        assertThat(model.firstProblem()).isEmpty();
    }

    @Test
    void aKeychainFailureShowsItsMessage() {
        SetupModel model = model(valid(), (c, confirmed, l) -> {
            throw new KeychainException(KeychainException.Reason.LOCKED, "The keychain is locked: unlock it.", null);
        });

        model.testAndSave();

        assertThat(model.resultProperty().get()).isEqualTo(Notice.error("The keychain is locked: unlock it."));
    }

    @Test
    void anUnexpectedFailureNeverShowsItsOwnMessage() {
        SetupModel model = model(valid(), (c, confirmed, l) -> {
            throw new IllegalStateException("pin=123456");
        });

        model.testAndSave();

        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.resultProperty().get().text()).contains("IllegalStateException", "Nothing was saved")
                .doesNotContain("123456");
    }

    @Test
    void anExecutorThatRefusesTheTestLeavesTheFormUsable() {
        SetupModel model = new SetupModel(SetupStart.filledIn(valid()), clock, (c, confirmed, l) -> renewal(NOW), task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, DIRECT);

        model.testAndSave();

        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.resultProperty().get().tone()).isEqualTo(Notice.Tone.ERROR);
    }

}
