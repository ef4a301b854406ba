package dev.tokentray.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.testsupport.TestAccounts;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.LoginStep;
import dev.tokentray.upstox.UpstoxCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The keyed fingerprints of rejected values, and the keychain entries that keep them. */
class FingerprintsTest {
    private final InMemorySecretStore keychain = new InMemorySecretStore();
    private final StopVault vault = new StopVault(keychain);

    @Test
    void theSameValueHasTheSameFingerprintAnotherValueOrAccountAnother() throws Exception {
        Fingerprints fingerprints = vault.fingerprintsMadeOnFirstUse();
        UpstoxCredentials pin = TestAccounts.defaultWith(CredentialField.PIN, "111111");

        assertThat(fingerprints.of(pin, CredentialField.PIN)).isEqualTo(fingerprints.of(TestAccounts.defaultWith(CredentialField.PIN, "111111"),
                CredentialField.PIN));
        assertThat(fingerprints.of(pin, CredentialField.PIN)).isNotEqualTo(fingerprints.of(TestAccounts.defaultWith(CredentialField.PIN,
                "111112"), CredentialField.PIN));
        assertThat(fingerprints.of(pin, CredentialField.PIN)).as("the same PIN of another account")
                .isNotEqualTo(fingerprints.of(UpstoxCredentials.parse(withPinAndMobile("111111", "9123456780")),
                        CredentialField.PIN));
        assertThat(fingerprints.account("9876543210")).isNotEqualTo(fingerprints.account("9123456780"))
                .doesNotContain("9876543210");
    }

    private static Map<CredentialField, String> withPinAndMobile(String pin, String mobile) {
        Map<CredentialField, String> fields = new EnumMap<>(SimulatedAccount.defaults().credentials().toFields());
        fields.put(CredentialField.PIN, pin);
        fields.put(CredentialField.MOBILE, mobile);
        return fields;
    }

    @Test
    void itIsAnHmacWithTheKeyInTheKeychainNeverAPlainHash() throws Exception {
        assertThat(vault.fingerprints()).as("no key before the first stop").isEmpty();
        Fingerprints fingerprints = vault.fingerprintsMadeOnFirstUse();
        String key = keychain.read(StopVault.KEY_ENTRY).orElseThrow();
        UpstoxCredentials pin = TestAccounts.defaultWith(CredentialField.PIN, "111111");

        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        for (String part : List.of("value", "PIN", "9876543210", "111111")) {
            hmac.update(part.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
        }
        byte[] expected = Arrays.copyOf(hmac.doFinal(), 16);
        assertThat(Base64.getUrlDecoder().decode(fingerprints.of(pin, CredentialField.PIN))).isEqualTo(expected);

        assertThat(new StopVault(keychain).fingerprints()).as("another process, the same key").hasValueSatisfying(
                same -> assertThat(same.of(pin, CredentialField.PIN)).isEqualTo(fingerprints.of(pin, CredentialField.PIN)));
        assertThat(new StopVault(new InMemorySecretStore()).fingerprintsMadeOnFirstUse().of(pin, CredentialField.PIN))
                .as("another keychain, another key").isNotEqualTo(fingerprints.of(pin, CredentialField.PIN));
        assertThat(fingerprints.toString()).doesNotContain(key);
    }

    @Test
    void aStopHoldsWhileEveryValueItRejectedIsTheSameAndOneWithoutValuesAlways() throws Exception {
        Fingerprints fingerprints = vault.fingerprintsMadeOnFirstUse();
        UpstoxCredentials rejected = TestAccounts.defaultWith(CredentialField.CLIENT_SECRET, "wrong-secret");
        Stop apiPair = stop(fingerprints.of(rejected, Set.of(CredentialField.CLIENT_ID, CredentialField.CLIENT_SECRET)));

        assertThat(fingerprints.holds(apiPair, rejected)).isTrue();
        assertThat(fingerprints.holds(apiPair, TestAccounts.defaultWith(CredentialField.PIN, "654321"))).as("another PIN: the pair is the same")
                .isFalse();
        assertThat(fingerprints.holds(apiPair, TestAccounts.defaultWith(CredentialField.CLIENT_SECRET, "right-secret"))).isFalse();
        assertThat(fingerprints.holds(stop(Map.of()), rejected)).as("a locked account holds for any values").isTrue();
    }

    @Test
    void theStopsOfAnAccountShareOneEntryUnderTheLimitNewestFirst() throws Exception {
        Fingerprints fingerprints = vault.fingerprintsMadeOnFirstUse();
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stops.add(new Stop("id-" + i, Stop.Reason.UNCLEAR, Map.of(CredentialField.PIN, "f".repeat(22),
                    CredentialField.TOTP_SECRET, "g".repeat(22)), Instant.ofEpochSecond(1_763_700_000L + i), LoginStep.PIN,
                    "m".repeat(400)));
        }
        vault.write(fingerprints, "9876543210", stops);

        String entry = StopVault.PREFIX + fingerprints.account("9876543210");
        assertThat(keychain.read(entry).orElseThrow().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(EntryCodec.MAX_ENTRY_BYTES);
        List<Stop> kept = vault.read(fingerprints, "9876543210");
        assertThat(kept).isNotEmpty().hasSizeLessThan(8).first().satisfies(first -> {
            assertThat(first.id()).isEqualTo("id-0");
            assertThat(first.message()).hasSize(EntryCodec.MAX_STOP_MESSAGE).endsWith("…");
            assertThat(first.fields()).containsExactlyInAnyOrder(CredentialField.PIN, CredentialField.TOTP_SECRET);
        });
        assertThat(keychain.accounts()).allMatch(account -> !account.contains("9876543210"));

        vault.write(fingerprints, "9876543210", List.of());
        assertThat(keychain.read(entry)).isEmpty();
        assertThat(HexFormat.of().parseHex(fingerprints.account("9876543210"))).hasSize(16);
    }

    private static Stop stop(Map<CredentialField, String> fingerprints) {
        return new Stop("a1b2c3", Stop.Reason.REJECTED, fingerprints, Instant.EPOCH, LoginStep.TOKEN_EXCHANGE,
                "Upstox rejected the API key or API secret.");
    }
}
