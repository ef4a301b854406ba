package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import dev.tokentray.vault.InMemorySecretStore;
import dev.tokentray.vault.Stop;
import dev.tokentray.vault.StopVault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which stops bear on a login that sends only some values (the approval request: the API key and
 * secret), and which ones such a login lifts when it works.
 */
class RejectionStopsTest {
    @TempDir
    Path folder;

    private static final Set<CredentialField> ALL = EnumSet.allOf(CredentialField.class);

    /** One set of values: a PIN Upstox rejects, and, for the second stop, as if its secret were rejected too. */
    private final UpstoxCredentials wrongPinAndSecret = TestAccounts.defaultWith(CredentialField.PIN, "111111");

    private RejectionStops stops() {
        return new RejectionStops(new StopVault(new InMemorySecretStore()),
                new LoginLock(folder.resolve("locks"), Duration.ofSeconds(5)), Clock.systemUTC());
    }

    private static LoginFailure rejected(LoginStep step, CredentialField field) {
        return new LoginFailure(FailureKind.CREDENTIALS, step, "Upstox rejected the " + field.label() + ".",
                Optional.of(field), Optional.empty());
    }

    @Test
    void aRejectedPinDoesNotBearOnALoginThatSendsOnlyTheApiKeyAndSecretButARejectedSecretDoes() throws Exception {
        RejectionStops stops = stops();
        Stop pin = stops.record(wrongPinAndSecret, ALL, rejected(LoginStep.PIN, CredentialField.PIN));

        assertThat(stops.holding(wrongPinAndSecret).map(Stop::id)).contains(pin.id());
        assertThat(stops.holding(wrongPinAndSecret, ApprovalLogin.SENT)).isEmpty();

        Stop secret = stops.record(wrongPinAndSecret, ApprovalLogin.SENT,
                rejected(LoginStep.TOKEN_REQUEST, CredentialField.CLIENT_SECRET));
        assertThat(stops.holding(wrongPinAndSecret, ApprovalLogin.SENT).map(Stop::id)).contains(secret.id());
        assertThat(stops.holding(wrongPinAndSecret).map(Stop::id)).as("the newest; the PIN's stays behind it")
                .contains(secret.id());
        stops.lift(wrongPinAndSecret, ApprovalLogin.SENT); // a request that worked
        assertThat(stops.holding(wrongPinAndSecret).map(Stop::id)).as("the request got past no stop of the PIN")
                .contains(pin.id());
    }

    @Test
    void aLoginThatSentSomeValuesLiftsTheirStopsOnlyAndOneThatSentAllLiftsEvery() throws Exception {
        RejectionStops stops = stops();
        Stop pin = stops.record(wrongPinAndSecret, ALL, rejected(LoginStep.PIN, CredentialField.PIN));
        stops.record(wrongPinAndSecret, ApprovalLogin.SENT,
                rejected(LoginStep.TOKEN_REQUEST, CredentialField.CLIENT_SECRET));

        stops.lift(wrongPinAndSecret, ApprovalLogin.SENT);

        assertThat(stops.holding(wrongPinAndSecret, ApprovalLogin.SENT)).isEmpty();
        assertThat(stops.holding(wrongPinAndSecret).map(Stop::id)).as("an approval proves nothing of the PIN")
                .contains(pin.id());

        UpstoxCredentials corrected = TestAccounts.defaultWith(CredentialField.PIN, SimulatedAccount.DEFAULT_PIN);
        stops.lift(corrected, ALL);
        assertThat(stops.holding(wrongPinAndSecret)).as("a TOTP login that worked lifts the account's stops").isEmpty();
    }
}
