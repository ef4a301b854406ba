package dev.tokentray.testsupport;

import dev.tokentray.sim.SimulatedAccount;
import dev.tokentray.vault.Fingerprints;
import dev.tokentray.vault.KeyringSecretStore;
import dev.tokentray.vault.StopVault;
import java.util.List;
import java.util.Optional;

/**
 * The stop that the demo mother's refused PIN leaves in the test run's keychain: it belongs to her
 * mobile number, not to a test's folder, and would keep the next test's demo from meeting the
 * refusal itself. The tests that run the demo lift it after themselves.
 */
public final class DemoStops {
    private DemoStops() {}

    public static void lift() throws Exception {
        try (KeyringSecretStore keychain = new KeyringSecretStore(TestKeychain.SERVICE)) {
            StopVault stops = new StopVault(keychain);
            Optional<Fingerprints> fingerprints = stops.fingerprints();
            if (fingerprints.isPresent()) {
                stops.write(fingerprints.get(), SimulatedAccount.numbered(4).credentials().mobileNumber(), List.of());
            }
        }
    }
}
