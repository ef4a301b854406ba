package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokentray.token.AccessToken;
import dev.tokentray.token.Secret;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileVaultTest {
    private final InMemorySecretStore store = new InMemorySecretStore();
    private final ProfileVault vault = new ProfileVault(store, new Profile("trader"));

    static UpstoxCredentials credentials(String mobile, String redirectUri) {
        Map<CredentialField, String> raw = new EnumMap<>(CredentialField.class);
        raw.put(CredentialField.MOBILE, mobile);
        raw.put(CredentialField.PIN, "123456");
        raw.put(CredentialField.TOTP_SECRET, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        raw.put(CredentialField.CLIENT_ID, "3f8d2c1a-5b6e-4f7a-9c0d-1e2f3a4b5c6d");
        raw.put(CredentialField.CLIENT_SECRET, "s".repeat(128));
        raw.put(CredentialField.REDIRECT_URI, redirectUri);
        return UpstoxCredentials.parse(raw);
    }

    private static AccessToken token(int length) {
        return new AccessToken(Secret.of("t".repeat(length)), Instant.ofEpochSecond(1_763_700_000L),
                Instant.ofEpochSecond(1_763_760_000L), "AB1234", "A Trader With A Long Name");
    }

    @Test
    void keepsCredentialsAndTokenAsSeparateEntries() throws Exception {
        vault.saveCredentials(credentials("9876543210", "http://127.0.0.1:5055/callback"));
        vault.saveToken(token(400));

        vault.saveCredentials(credentials("9876543210", "http://127.0.0.1:5055/callback"));
        assertThat(vault.credentials()).contains(credentials("9876543210", "http://127.0.0.1:5055/callback"));
        assertThat(vault.token()).contains(token(400));
        assertThat(store.accounts()).containsExactlyInAnyOrder("trader/credentials", "trader/token");
    }

    @Test
    void readsTheCredentialsEntryOfAnOlderVersionWithItsRevision() throws Exception {
        store.write("trader/credentials", "{\"format\":1,\"revision\":\"0a1b2c3d4e5f6a7b\",\"mobile\":\"9876543210\","
                + "\"pin\":\"123456\",\"totpSecret\":\"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\",\"clientId\":\"client-id-1\","
                + "\"clientSecret\":\"secret\",\"redirectUri\":\"http://127.0.0.1:5055/callback\"}");
        assertThat(vault.credentials()).hasValueSatisfying(stored -> assertThat(stored.mobileNumber()).isEqualTo("9876543210"));
        vault.saveCredentials(vault.credentials().orElseThrow());
        assertThat(store.read("trader/credentials").orElseThrow()).doesNotContain("revision");
    }

    @Test
    void eachEntryStaysWellUnderTheWindowsLimit() throws Exception {
        // The longest credentials the form accepts, and a token longer than Upstox's (about 400 characters).
        vault.saveCredentials(credentials("9876543210", "https://example.com/" + "c".repeat(280)));
        vault.saveToken(token(600));
        for (String account : store.accounts()) {
            assertThat(store.read(account).orElseThrow().getBytes(StandardCharsets.UTF_8).length)
                    .as(account).isLessThan(EntryCodec.MAX_ENTRY_BYTES);
        }
        assertThat(EntryCodec.MAX_ENTRY_BYTES).isLessThan(2560 / 2);
    }

    @Test
    void credentialsOfAnotherAccountDropTheOldAccountsToken() throws Exception {
        vault.saveCredentials(credentials("9876543210", "http://127.0.0.1:5055/callback"));
        vault.saveToken(token(400));
        vault.saveCredentials(credentials("9876543210", "http://127.0.0.1:6000/other"));
        assertThat(vault.token()).as("same account, new redirect URI: the token stays").isPresent();

        vault.saveCredentials(credentials("9123456780", "http://127.0.0.1:5055/callback"));
        assertThat(vault.token()).isEmpty();
    }

    @Test
    void anUnreadableCredentialsEntryIsAnErrorNeverAnEmptyLogin() throws Exception {
        store.write("trader/credentials", "{\"format\":99}");
        KeychainException e = catchThrowableOfType(KeychainException.class, vault::credentials);
        assertThat(e.getMessage()).contains("cannot be read", "enter them again");
        assertThat(vault.hasCredentials()).isTrue();
    }

    @Test
    void anUnreadableTokenCountsAsMissing() throws Exception {
        store.write("trader/token", "not json");
        assertThat(vault.token()).isEmpty();
    }

    @Test
    void forgetRemovesBothEntriesOnlyOfItsProfileAndLeavesTheStopsOfTheAccount() throws Exception {
        ProfileVault other = new ProfileVault(store, Profile.DEFAULT);
        other.saveToken(token(10));
        vault.saveCredentials(credentials("9876543210", "http://127.0.0.1:5055/callback"));
        vault.saveToken(token(10));
        Fingerprints fingerprints = vault.stops().fingerprintsMadeOnFirstUse();
        vault.stops().write(fingerprints, "9876543210", List.of(new Stop("id", Stop.Reason.REJECTED,
                Map.of(CredentialField.PIN, "fp"), Instant.EPOCH, LoginStep.PIN, "Upstox rejected the PIN.")));

        vault.forget();

        assertThat(store.accounts()).hasSize(3).contains("default/token", StopVault.KEY_ENTRY)
                .allMatch(account -> account.equals("default/token") || account.startsWith("_stops/"));
        assertThat(vault.stops().read(fingerprints, "9876543210")).hasSize(1);
    }

    @Test
    void profileNamesAreCheckedSoThatTheyCannotReachAnotherEntry() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new Profile("../default"))).isNotNull();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new Profile("Default"))).isNotNull();
        assertThat(new Profile("work-2").name()).isEqualTo("work-2");
    }
}
