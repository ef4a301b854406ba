package dev.tokentray.testsupport;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.upstox.CredentialField;
import dev.tokentray.upstox.UpstoxCredentials;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Simulated accounts with a mobile number of their own. The stops of rejected values belong to
 * the Upstox account (the mobile number) and outlive a test's profile in the real keychain, so a
 * test that makes Upstox reject something uses an account no other test shares.
 */
public final class TestAccounts {
    private TestAccounts() {}

    /** The default account's credentials, with one value changed (say, a mistyped PIN). */
    public static UpstoxCredentials defaultWith(CredentialField field, String value) {
        Map<CredentialField, String> fields = new EnumMap<>(SimulatedAccount.defaults().credentials().toFields());
        fields.put(field, value);
        return UpstoxCredentials.parse(fields);
    }

    /** The default account's values, with a random mobile number. */
    public static SimulatedAccount withOwnMobile() {
        return withOwnMobile(Map.of());
    }

    /** The account of these {@code UPSTOX_*} values (defaults for the others), with a random mobile number. */
    public static SimulatedAccount withOwnMobile(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("UPSTOX_USERNAME", "9" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000)));
        return SimulatedAccount.fromEnvironment(all);
    }
}
