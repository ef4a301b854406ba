package dev.tokentray.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokentray.postgres.AuditDatabase.AuditedAttempt;
import dev.tokentray.postgres.PostgresAddress;
import dev.tokentray.renew.Attempt;
import dev.tokentray.renew.Trigger;
import dev.tokentray.testsupport.FreePort;
import dev.tokentray.testsupport.RealEnvironment;
import dev.tokentray.testsupport.TestPostgres;
import dev.tokentray.token.AccessToken;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.FailureKind;
import dev.tokentray.upstox.LoginFailure;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.vault.InMemorySecretStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL output against the test command's real server, as the app's role, in a database of its own per test. */
class PostgresOutputTest {
    private final InMemorySecretStore keychain = new InMemorySecretStore();
    private PostgresAddress address;

    @BeforeEach
    void database() throws Exception {
        RealEnvironment.requirePostgres();
        address = PostgresAddress.parse(TestPostgres.url(TestPostgres.newDatabase("output")));
        keychain.write(address.keychainAccount(), TestPostgres.password().reveal());
    }

    @Test
    void aNewTokensRowHoldsItsMetadataButNotTheTokenUnlessAsked() throws Exception {
        AccessToken kept = Tokens.token();
        AccessToken notKept = Tokens.token(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofHours(8));
        PostgresOutput withToken = output(true);
        PostgresOutput withoutToken = output(false);
        assertThat(withToken.isBehind(kept)).isTrue();

        withToken.deliver(Tokens.renewed(kept));
        withoutToken.deliver(Tokens.renewed(notKept));
        withToken.deliver(Tokens.renewed(kept)); // a retry after a lost answer: no second row

        List<Map<String, String>> rows = rows("SELECT user_id, extract(epoch FROM expires_at)::bigint AS expires,"
                + " trigger, host, profile, access_token FROM upstox_tokens ORDER BY issued_at");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("user_id", Tokens.USER_ID).containsEntry("trigger", "automatic")
                .containsEntry("host", "test-host").containsEntry("profile", "default")
                .containsEntry("access_token", kept.value().reveal());
        assertThat(rows.get(1)).containsEntry("access_token", null);
        assertThat(rows.get(0)).containsEntry("expires", String.valueOf(kept.expiresAt().getEpochSecond()));
        assertThat(withToken.isBehind(kept)).isFalse();
        withToken.close();
        withoutToken.close();
    }

    @Test
    void aRejectedLoginIsARowWithItsOutcomeClassAndStep() throws Exception {
        PostgresOutput output = output(false);
        Attempt rejected = new Attempt(Instant.now().truncatedTo(ChronoUnit.MILLIS), "default", Trigger.AUTOMATIC,
                Duration.ofMillis(1234), List.of(), Optional.of(new LoginFailure(FailureKind.CREDENTIALS, LoginStep.PIN,
                        "Upstox rejected the PIN", Optional.of(CredentialField.PIN), Optional.empty())),
                Optional.empty(), Optional.empty(), Optional.empty());

        output.queue(new AuditedAttempt(rejected, Optional.of(Tokens.USER_ID), "test-host"));
        output.deliverAttempts();
        output.deliverAttempts(); // nothing left to write

        assertThat(rows("SELECT user_id, trigger, outcome, failure_class, failure_step, duration_ms, host, profile"
                + " FROM upstox_login_attempts")).singleElement().isEqualTo(Map.of("user_id", Tokens.USER_ID,
                        "trigger", "automatic", "outcome", "rejected", "failure_class", "credentials", "failure_step", "pin",
                        "duration_ms", "1234", "host", "test-host", "profile", "default"));
        output.close();
    }

    @Test
    void aDatabaseThatIsNotThereFailsQuicklyAndSaysSoAndTheAttemptWaits() throws Exception {
        PostgresAddress nowhere = PostgresAddress.parse("jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/"
                + address.database() + "?user=" + TestPostgres.user());
        keychain.write(nowhere.keychainAccount(), TestPostgres.password().reveal());
        PostgresOutput output = new PostgresOutput(PostgresOutputConfig.of(nowhere, true), keychain);
        output.queue(new AuditedAttempt(new Attempt(Instant.now(), "default", Trigger.MANUAL, Duration.ofSeconds(1),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), "test-host"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> output.deliver(Tokens.renewed(Tokens.token()))).isInstanceOf(OutputException.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining(TestPostgres.password().reveal());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(output.timeout());
        output.close();
    }

    @Test
    void aWrongPasswordIsSaidAsSuch() throws Exception {
        keychain.write(address.keychainAccount(), "not-the-password");
        PostgresOutput output = output(false);
        assertThatThrownBy(() -> output.deliver(Tokens.renewed(Tokens.token())))
                .hasMessageContaining("refused the role or its password").hasMessageContaining("--password-stdin")
                .hasMessageNotContaining("not-the-password");
        output.close();
    }

    private PostgresOutput output(boolean storeToken) {
        return new PostgresOutput(PostgresOutputConfig.of(address, storeToken), keychain);
    }

    private List<Map<String, String>> rows(String sql) throws SQLException {
        return TestPostgres.rows(address.database(), sql);
    }
}
