package dev.tokentray.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.renew.RenewalWiring;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.sim.SimulatorConfig;
import dev.tokentray.sim.SimulatorCounters.Event;
import dev.tokentray.sim.UpstoxSimulator;
import dev.tokentray.ui.settings.Notice;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginException;
import dev.tokentray.upstox.LoginTimeouts;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.upstox.UpstoxLoginClient;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.Profile;
import dev.tokentray.vault.ProfileVault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Test and save" through the real renewer, against the simulator over HTTP on loopback. */
class SetupAgainstSimulatorTest {
    private final Clock clock = Clock.systemUTC();
    private UpstoxSimulator simulator;
    private ProfileVault vault;
    private RenewalWiring renewal;

    @BeforeEach
    void start(@TempDir Path state) throws Exception {
        simulator = UpstoxSimulator.start(SimulatorConfig.defaults(clock));
        vault = new ProfileVault(new InMemorySecretStore(), Profile.DEFAULT);
        renewal = RenewalWiring.of(vault, new UpstoxLoginClient(simulator.hosts(),
                new LoginTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), clock), state,
                () -> RenewalSettings.DEFAULT, clock);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SetupModel model(Map<CredentialField, String> initial) {
        return model(SetupStart.filledIn(initial));
    }

    private SetupModel model(SetupStart start) {
        return new SetupModel(start, clock, renewal.renewer()::testAndSave, Runnable::run, Runnable::run);
    }

    @Test
    void goodCredentialsLogInOnceAndAreSaved() throws Exception {
        SetupModel model = model(simulator.account().credentials().toFields());

        assertThat(model.testAndSave()).isTrue();

        assertThat(model.phase()).isEqualTo(SetupModel.Phase.SUCCEEDED);
        assertThat(model.resultProperty().get().text()).startsWith("Logged in as Simulated Trader (SIM001).");
        assertThat(simulator.counters().count(Event.TOKENS_ISSUED)).isEqualTo(1);
        assertThat(vault.credentials()).contains(simulator.account().credentials());
        assertThat(vault.token()).isPresent();
    }

    @Test
    void aWrongPinMarksThePinSavesNothingAndIsSentAgainOnlyOnceTheTraderConfirms() throws Exception {
        Map<CredentialField, String> fields = new EnumMap<>(simulator.account().credentials().toFields());
        fields.put(CredentialField.PIN, "654321");
        SetupModel model = model(fields);

        model.testAndSave();

        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        Notice result = model.resultProperty().get();
        assertThat(result.tone()).isEqualTo(Notice.Tone.ERROR);
        assertThat(result.text()).contains("Upstox rejected the PIN", "does not retry", "Nothing was saved")
                .doesNotContain("654321");
        assertThat(model.field(CredentialField.PIN).problemProperty().get()).contains("Upstox rejected this PIN");
        assertThat(model.firstProblem()).contains(CredentialField.PIN);
        assertThat(vault.credentials()).isEmpty();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        assertThat(model.testAndSave()).as("the same rejected PIN again: a question, no request").isTrue();
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.EDITING);
        assertThat(model.retryQuestionProperty().get()).contains("Upstox rejected the PIN", "Send these values once more?");
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);
        model.declineRetry();
        assertThat(model.resultProperty().get().text()).startsWith("Nothing was sent.");
        assertThat(model.retryQuestionProperty().get()).isEmpty();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        model.testAndSave();
        model.confirmRetry();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).as("one confirmation, one login").isEqualTo(2);
        assertThat(model.retryQuestionProperty().get()).as("rejected again: a new rejection, not a question").isEmpty();

        model.field(CredentialField.PIN).setValue(simulator.account().credentials().pin().reveal());
        assertThat(model.field(CredentialField.PIN).problemProperty().get()).isEmpty();
        assertThat(model.testAndSave()).isTrue();
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.SUCCEEDED);
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(3);
        assertThat(vault.credentials()).isPresent();
    }

    @Test
    void editingShowsNoSecretKeepsTheStoredOnesWhenBlankAndMarksTheRejectedOneUntilItChanges() throws Exception {
        Map<CredentialField, String> wrongPin = new EnumMap<>(simulator.account().credentials().toFields());
        wrongPin.put(CredentialField.PIN, "654321");
        vault.saveCredentials(UpstoxCredentials.parse(wrongPin));
        assertThatThrownBy(() -> renewal.renewer().validToken()).isInstanceOf(LoginException.class);
        UpstoxCredentials stored = vault.credentials().orElseThrow();

        SetupModel model = model(SetupStart.editing(stored, renewal.renewer().stopFor(stored)));

        assertThat(model.editing()).isTrue();
        for (CredentialField field : CredentialField.values()) {
            assertThat(model.field(field).value()).as(field.label())
                    .isEqualTo(field.isSecret() ? "" : stored.toFields().get(field));
        }
        assertThat(model.field(CredentialField.PIN).problemProperty().get()).startsWith("Upstox rejected this PIN at ");
        assertThat(model.field(CredentialField.TOTP_SECRET).problemProperty().get()).as("blank keeps it").isEmpty();
        assertThat(model.hasTotpCode()).as("the stored secret's code, not the secret").isTrue();

        assertThat(model.testAndSave()).isTrue();
        assertThat(model.retryQuestionProperty().get()).as("the stored PIN, rejected").isNotEmpty();
        model.declineRetry();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(1);

        model.field(CredentialField.PIN).setValue(simulator.account().credentials().pin().reveal());
        assertThat(model.field(CredentialField.PIN).problemProperty().get()).isEmpty();
        assertThat(model.testAndSave()).isTrue();
        assertThat(model.phase()).isEqualTo(SetupModel.Phase.SUCCEEDED);
        assertThat(vault.credentials()).contains(simulator.account().credentials());
        assertThat(renewal.renewer().stopFor(stored)).as("a login that worked lifts the account's stops").isEmpty();
        assertThat(simulator.counters().count(Event.PIN_ATTEMPTS)).isEqualTo(2);
    }
}
