package dev.tokentray.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokentray.renew.Plan;
import dev.tokentray.renew.RenewalSnapshot;
import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.vault.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** /healthz's answer: healthy while every account has a usable token or a login planned that can succeed. */
class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-16T05:00:00Z");
    private static final AccessToken TOKEN = new AccessToken(Secret.of("t"), NOW.minusSeconds(3600),
            NOW.plus(Duration.ofHours(17)), "SIM001", "Simulated Trader");

    private static RenewalSnapshot account(String profile, Optional<AccessToken> token, Plan plan, Optional<String> keychain) {
        return new RenewalSnapshot(new Profile(profile), token, plan, Optional.empty(), Optional.empty(), true,
                Optional.empty(), keychain, Optional.empty(), NOW);
    }

    private static RenewalSnapshot account(String profile, Optional<AccessToken> token, Plan plan) {
        return account(profile, token, plan, Optional.empty());
    }

    private static JsonNode json(Health health) throws Exception {
        assertThat(health.json()).doesNotContain("\n");
        return JSON.readTree(health.json());
    }

    @Test
    void aUsableTokenOrAPlannedLoginIsHealthy() throws Exception {
        Health health = Health.of(List.of(
                account("default", Optional.of(TOKEN), new Plan.WaitForExpiry(TOKEN.expiresAt(), TOKEN.expiresAt())),
                account("huf", Optional.empty(), new Plan.RenewAt(NOW.plusSeconds(30))),
                account("spouse", Optional.empty(), new Plan.AwaitApproval(NOW, NOW.plusSeconds(600), NOW.plusSeconds(86400)))),
                NOW);

        assertThat(health.healthy()).isTrue();
        JsonNode body = json(health);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("accounts").path("default").path("state").asText()).isEqualTo("VALID");
        assertThat(body.path("accounts").path("huf").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void oneAccountThatNoLoginWillServeMakesItUnhealthyAndSaysWhy() throws Exception {
        Health health = Health.of(List.of(
                account("default", Optional.of(TOKEN), new Plan.WaitForExpiry(TOKEN.expiresAt(), TOKEN.expiresAt())),
                account("huf", Optional.of(TOKEN.revoked(NOW)), new Plan.Stopped("Upstox rejected the PIN.", Optional.of("5f0c1e9a2b7d")))),
                NOW);

        assertThat(health.healthy()).isFalse();
        JsonNode body = json(health);
        assertThat(body.path("status").asText()).isEqualTo("unhealthy");
        assertThat(body.path("reason").asText()).isEqualTo("profile 'huf': automatic renewal stopped: Upstox rejected the PIN.");
        assertThat(body.path("accounts").path("huf").path("state").asText()).isEqualTo("REVOKED");
        assertThat(body.path("accounts").path("default").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void offAnUnansweredApprovalAndALockedKeychainAreUnhealthy() {
        assertThat(Health.of(List.of(account("a", Optional.empty(), new Plan.Off())), NOW).healthy()).isFalse();
        assertThat(Health.of(List.of(account("a", Optional.empty(),
                new Plan.AwaitApproval(NOW.minusSeconds(900), NOW.minusSeconds(300), NOW.plusSeconds(86400)))), NOW)
                .healthy()).isFalse();
        assertThat(Health.of(List.of(account("a", Optional.of(TOKEN),
                new Plan.WaitForExpiry(TOKEN.expiresAt(), TOKEN.expiresAt()), Optional.of("The keychain is locked."))), NOW)
                .healthy()).isFalse();
    }
}
